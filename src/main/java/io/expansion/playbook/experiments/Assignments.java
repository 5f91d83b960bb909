package io.expansion.playbook.experiments;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The experiment_assignments table: one row per experiment and account, never updated. */
@Repository
class Assignments {

  /** A stored assignment. */
  record Assignment(
      String experimentKey,
      String accountId,
      String arm,
      int bucket,
      String journeyId,
      OffsetDateTime exposedAt,
      BigDecimal prePeriodMrr) {}

  private final JdbcClient jdbc;

  Assignments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Assignment> find(String experimentKey, String accountId) {
    return jdbc.sql(
            "SELECT experiment_key, account_id, arm, bucket, journey_id, exposed_at,"
                + " pre_period_mrr FROM experiment_assignments"
                + " WHERE experiment_key = ? AND account_id = ?")
        .params(experimentKey, accountId)
        .query(
            (rs, row) ->
                new Assignment(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getInt(4),
                    rs.getString(5),
                    rs.getObject(6, OffsetDateTime.class),
                    rs.getBigDecimal(7)))
        .optional();
  }

  /** Stores the assignment at first exposure; the stored one wins when it already exists. */
  Assignment insertOrGet(Assignment a) {
    try {
      jdbc.sql(
              "INSERT INTO experiment_assignments (experiment_key, account_id, arm, bucket,"
                  + " journey_id, exposed_at, pre_period_mrr) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              a.experimentKey(),
              a.accountId(),
              a.arm(),
              a.bucket(),
              a.journeyId(),
              a.exposedAt(),
              a.prePeriodMrr())
          .update();
      return a;
    } catch (DuplicateKeyException concurrent) {
      return find(a.experimentKey(), a.accountId()).orElseThrow();
    }
  }

  /** Exposed accounts per arm. */
  Map<String, Long> countsByArm(String experimentKey) {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.sql(
            "SELECT arm, COUNT(*) FROM experiment_assignments WHERE experiment_key = ?"
                + " GROUP BY arm")
        .param(experimentKey)
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts;
  }
}
