package io.expansion.playbook.segmentation;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows of {@code segment_history}: every change of an account's segment, by a journey's {@code
 * Rule_Segment} or by a whole-book scoring run. A change and the account's new segment are written
 * together, under the account's row lock.
 */
@Repository
public class SegmentHistory {

  /** Who changed a segment: a journey's business rule task. */
  public static final String JOURNEY = "journey";

  /** Who changed a segment: a whole-book scoring run. */
  public static final String BOOK_SCORING = "book-scoring";

  private static final String INSERT =
      """
      INSERT INTO segment_history (account_id, previous_segment, segment, changed_at, source,
        scoring_id, journey_id, health, rationale)
      VALUES (:account, :previous, :segment, :at, :source, :scoring, :journey, :health, :rationale)
      """;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final TransactionTemplate transaction;

  public SegmentHistory(
      JdbcClient jdbc, NamedParameterJdbcTemplate batch, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transaction = transaction;
  }

  /**
   * One change of segment.
   *
   * @param previousSegment {@code null} for the account's first segment
   * @param source {@link #JOURNEY} or {@link #BOOK_SCORING}
   */
  public record Change(
      long id,
      String accountId,
      String previousSegment,
      String segment,
      OffsetDateTime changedAt,
      String source,
      String scoringId,
      String journeyId,
      Integer health,
      String rationale) {}

  /**
   * Stores the segment a journey decided, with a history row when it differs from the account's
   * current one; returns whether it changed.
   */
  public boolean applyFromJourney(
      String accountId,
      String segment,
      String journeyId,
      Integer health,
      String rationale,
      OffsetDateTime at) {
    Boolean changed =
        transaction.execute(
            status -> {
              String current =
                  jdbc.sql("SELECT segment FROM accounts WHERE id = ? FOR UPDATE")
                      .param(accountId)
                      .query(String.class)
                      .optional()
                      .orElse(null);
              if (Objects.equals(current, segment)) {
                return false;
              }
              insertAll(
                  List.of(
                      new Change(
                          0, accountId, current, segment, at, JOURNEY, null, journeyId, health,
                          rationale)));
              jdbc.sql("UPDATE accounts SET segment = ?, updated_at = ? WHERE id = ?")
                  .params(segment, at, accountId)
                  .update();
              return true;
            });
    return Boolean.TRUE.equals(changed);
  }

  /**
   * Inserts changes with JDBC batches (the caller updates the accounts in the same transaction).
   */
  public void insertAll(List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    List<SqlParameterSource> rows = new ArrayList<>(changes.size());
    for (Change c : changes) {
      rows.add(
          new MapSqlParameterSource()
              .addValue("account", c.accountId())
              .addValue("previous", c.previousSegment(), Types.VARCHAR)
              .addValue("segment", c.segment())
              .addValue("at", c.changedAt())
              .addValue("source", c.source())
              .addValue("scoring", c.scoringId(), Types.VARCHAR)
              .addValue("journey", c.journeyId(), Types.VARCHAR)
              .addValue("health", c.health(), Types.INTEGER)
              .addValue("rationale", truncate(c.rationale()), Types.VARCHAR));
    }
    batch.batchUpdate(INSERT, rows.toArray(SqlParameterSource[]::new));
  }

  /** The account's segment changes, newest first. */
  public List<Change> forAccount(String accountId, int limit) {
    return jdbc.sql(
            """
            SELECT id, account_id, previous_segment, segment, changed_at, source, scoring_id,
                   journey_id, health, rationale
            FROM segment_history WHERE account_id = ? ORDER BY id DESC LIMIT ?
            """)
        .params(accountId, limit)
        .query(
            (rs, n) ->
                new Change(
                    rs.getLong("id"),
                    rs.getString("account_id"),
                    rs.getString("previous_segment"),
                    rs.getString("segment"),
                    rs.getObject("changed_at", OffsetDateTime.class),
                    rs.getString("source"),
                    rs.getString("scoring_id"),
                    rs.getString("journey_id"),
                    rs.getObject("health", Integer.class),
                    rs.getString("rationale")))
        .list();
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 500 ? text : text.substring(0, 497) + "...";
  }
}
