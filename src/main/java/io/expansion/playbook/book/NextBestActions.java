package io.expansion.playbook.book;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code next_best_actions}: each account's action from its latest scoring run. */
@Repository
public class NextBestActions {

  private static final String COLUMNS =
      "account_id, scoring_id, computed_at, segment, health, churn_probability, code, offer_code,"
          + " offer_name, expected_value, channel, reason";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;

  NextBestActions(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * Replaces the actions of the accounts whose ids lie between the two (inclusive) with these, in
   * the caller's transaction.
   */
  void replaceBetween(String firstId, String lastId, List<NextBestAction> actions) {
    jdbc.sql("DELETE FROM next_best_actions WHERE account_id BETWEEN ? AND ?")
        .params(firstId, lastId)
        .update();
    if (actions.isEmpty()) {
      return;
    }
    List<SqlParameterSource> rows = new ArrayList<>(actions.size());
    for (NextBestAction a : actions) {
      rows.add(
          new MapSqlParameterSource()
              .addValue("account", a.accountId())
              .addValue("scoring", a.scoringId())
              .addValue("at", a.computedAt())
              .addValue("segment", a.segment(), Types.VARCHAR)
              .addValue("health", a.health(), Types.INTEGER)
              .addValue("probability", a.churnProbability(), Types.DOUBLE)
              .addValue("code", a.code())
              .addValue("offer", a.offerCode(), Types.VARCHAR)
              .addValue("name", a.offerName(), Types.VARCHAR)
              .addValue("ev", a.expectedValue(), Types.NUMERIC)
              .addValue("channel", a.channel(), Types.VARCHAR)
              .addValue("reason", truncate(a.reason())));
    }
    batch.batchUpdate(
        """
        INSERT INTO next_best_actions (account_id, scoring_id, computed_at, segment, health,
          churn_probability, code, offer_code, offer_name, expected_value, channel, reason)
        VALUES (:account, :scoring, :at, :segment, :health, :probability, :code, :offer, :name,
          :ev, :channel, :reason)
        """,
        rows.toArray(SqlParameterSource[]::new));
  }

  /** The account's action, if a scoring run has computed one. */
  public Optional<NextBestAction> find(String accountId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM next_best_actions WHERE account_id = ?")
        .param(accountId)
        .query(NextBestActions::map)
        .optional();
  }

  static NextBestAction map(ResultSet rs, int row) throws SQLException {
    return new NextBestAction(
        rs.getString("account_id"),
        rs.getString("scoring_id"),
        rs.getObject("computed_at", OffsetDateTime.class),
        rs.getString("segment"),
        rs.getObject("health", Integer.class),
        rs.getObject("churn_probability", Double.class),
        rs.getString("code"),
        rs.getString("offer_code"),
        rs.getString("offer_name"),
        rs.getBigDecimal("expected_value"),
        rs.getString("channel"),
        rs.getString("reason"));
  }

  private static String truncate(String reason) {
    return reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
  }
}
