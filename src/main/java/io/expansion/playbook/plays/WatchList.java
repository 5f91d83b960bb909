package io.expansion.playbook.plays;

import io.expansion.playbook.database.RecordRows;
import io.expansion.playbook.database.UniqueInsert;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts watched because their health or usage fell; one open entry per account. */
@Repository
public class WatchList {

  /** A watch-list entry; open while {@code removedAt} is null. */
  public record Entry(
      long id,
      String accountId,
      String reason,
      String play,
      String journeyId,
      Integer healthAtAdd,
      OffsetDateTime addedAt,
      OffsetDateTime removedAt,
      String removalReason) {}

  private static final String COLUMNS =
      "id, account_id, reason, play, journey_id, health_at_add, added_at, removed_at,"
          + " removal_reason";

  private final JdbcClient jdbc;

  public WatchList(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Puts the account on the list unless it already is.
   *
   * @return true when this call added the entry
   */
  public boolean add(
      String accountId,
      String reason,
      String play,
      String journeyId,
      Integer health,
      OffsetDateTime now) {
    // Added concurrently: the unique active key refuses the second entry.
    return UniqueInsert.attempt(
        jdbc,
        () ->
            jdbc.sql(
                    """
                    INSERT INTO watch_list
                      (account_id, active_key, reason, play, journey_id, health_at_add, added_at)
                    SELECT :account, :account, :reason, :play, :journey, :health, :now
                    WHERE NOT EXISTS (SELECT 1 FROM watch_list WHERE active_key = :account)
                    """)
                .param("account", accountId)
                .param("reason", reason)
                .param("play", play)
                .param("journey", journeyId)
                .param("health", health)
                .param("now", now)
                .update());
  }

  /**
   * Closes the account's open entry if this journey opened it.
   *
   * @return true when an entry was closed by this call
   */
  public boolean remove(String accountId, String journeyId, String reason, OffsetDateTime now) {
    return jdbc.sql(
                """
                UPDATE watch_list SET active_key = NULL, removed_at = :now, removal_reason = :reason
                WHERE active_key = :account AND journey_id = :journey
                """)
            .param("account", accountId)
            .param("journey", journeyId)
            .param("reason", reason)
            .param("now", now)
            .update()
        == 1;
  }

  public Optional<Entry> open(String accountId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM watch_list WHERE active_key = ?")
        .param(accountId)
        .query(RecordRows.of(Entry.class))
        .optional();
  }

  public List<Entry> allOpen(int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM watch_list WHERE active_key IS NOT NULL ORDER BY added_at DESC"
                + " LIMIT :limit")
        .param("limit", limit)
        .query(RecordRows.of(Entry.class))
        .list();
  }

  public List<Entry> history(String accountId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM watch_list WHERE account_id = ? ORDER BY id DESC")
        .param(accountId)
        .query(RecordRows.of(Entry.class))
        .list();
  }
}
