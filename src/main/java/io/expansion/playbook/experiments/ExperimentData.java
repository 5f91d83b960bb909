package io.expansion.playbook.experiments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per exposed account, what happened in its window (exposure to exposure + window days, up to now):
 * expansion MRR and churn from the revenue ledger, discount and list price of its quotes, its
 * touches. Read from the database the app is connected to.
 */
@Repository
class ExperimentData {

  /** One exposed account's figures. */
  record AccountOutcome(
      String accountId,
      String arm,
      double prePeriodMrr,
      double expansionMrr,
      boolean churned,
      double discountGiven,
      double listPrice,
      int touches) {}

  private final JdbcClient jdbc;

  ExperimentData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<AccountOutcome> outcomes(Experiment e, OffsetDateTime asOf) {
    record Exposed(String account, String arm, OffsetDateTime at, BigDecimal pre) {}
    List<Exposed> exposed =
        jdbc.sql(
                "SELECT account_id, arm, exposed_at, pre_period_mrr FROM experiment_assignments"
                    + " WHERE experiment_key = ? ORDER BY account_id")
            .param(e.key())
            .query(
                (rs, row) ->
                    new Exposed(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class),
                        rs.getBigDecimal(4)))
            .list();
    Map<String, OffsetDateTime> from = new HashMap<>();
    exposed.forEach(x -> from.put(x.account(), x.at()));
    Map<String, double[]> sums = new HashMap<>();
    String join =
        " JOIN experiment_assignments a ON a.account_id = x.account_id AND a.experiment_key = ?";
    jdbc.sql(
            "SELECT x.account_id, x.type, x.effective_date, x.amount, x.recorded_at"
                + " FROM revenue_movements x"
                + join
                + " WHERE x.type IN ('expansion', 'churn')")
        .param(e.key())
        .query(
            rs -> {
              LocalDate day = rs.getObject(3, LocalDate.class);
              OffsetDateTime start = from.get(rs.getString(1));
              LocalDate first = start.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
              boolean afterExposure = !rs.getObject(5, OffsetDateTime.class).isBefore(start);
              if (afterExposure
                  && !day.isBefore(first)
                  && day.isBefore(first.plusDays(e.windowDays()))
                  && !day.isAfter(asOf.atZoneSameInstant(ZoneOffset.UTC).toLocalDate())) {
                double[] s = sums.computeIfAbsent(rs.getString(1), k -> new double[5]);
                if ("expansion".equals(rs.getString(2))) {
                  s[0] += rs.getBigDecimal(4).doubleValue();
                } else {
                  s[1] = 1;
                }
              }
            });
    jdbc.sql(
            "SELECT x.account_id, x.created_at, x.list_price, x.discount FROM quotes x"
                + join
                + " WHERE x.status <> 'SUPERSEDED'")
        .param(e.key())
        .query(
            rs -> {
              if (inWindow(
                  from.get(rs.getString(1)), rs.getObject(2, OffsetDateTime.class), e, asOf)) {
                double[] s = sums.computeIfAbsent(rs.getString(1), k -> new double[5]);
                double list = rs.getBigDecimal(3).doubleValue();
                s[2] += list * rs.getBigDecimal(4).doubleValue();
                s[3] += list;
              }
            });
    jdbc.sql("SELECT x.account_id, x.occurred_at FROM touches x" + join)
        .param(e.key())
        .query(
            rs -> {
              if (inWindow(
                  from.get(rs.getString(1)), rs.getObject(2, OffsetDateTime.class), e, asOf)) {
                sums.computeIfAbsent(rs.getString(1), k -> new double[5])[4] += 1;
              }
            });
    List<AccountOutcome> outcomes = new ArrayList<>();
    for (Exposed x : exposed) {
      double[] s = sums.getOrDefault(x.account(), new double[5]);
      outcomes.add(
          new AccountOutcome(
              x.account(), x.arm(), x.pre().doubleValue(), s[0], s[1] > 0, s[2], s[3], (int) s[4]));
    }
    return outcomes;
  }

  private static boolean inWindow(
      OffsetDateTime exposed, OffsetDateTime at, Experiment e, OffsetDateTime asOf) {
    return !at.isBefore(exposed)
        && at.isBefore(exposed.plusDays(e.windowDays()))
        && !at.isAfter(asOf);
  }
}
