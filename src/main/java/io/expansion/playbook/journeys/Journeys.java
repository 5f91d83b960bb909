package io.expansion.playbook.journeys;

import io.expansion.playbook.database.UniqueInsert;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Journey rows. {@code active_key} is unique, so an account has one active journey per process. */
@Repository
public class Journeys {

  private static final String COLUMNS =
      """
      id, account_id, process_id, status, process_instance_key, current_element,
      checkpoint_element, variables, end_reason, started_at, updated_at, ended_at,
      process_version
      """;

  private static final RowMapper<Journey> ROW =
      (rs, n) ->
          new Journey(
              rs.getString("id"),
              rs.getString("account_id"),
              rs.getString("process_id"),
              rs.getString("status"),
              rs.getObject("process_instance_key", Long.class),
              rs.getString("current_element"),
              rs.getString("checkpoint_element"),
              rs.getString("variables"),
              rs.getString("end_reason"),
              rs.getObject("started_at", OffsetDateTime.class),
              rs.getObject("updated_at", OffsetDateTime.class),
              rs.getObject("ended_at", OffsetDateTime.class),
              rs.getObject("process_version", Integer.class));

  private final JdbcClient jdbc;

  public Journeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static String activeKey(String accountId, String processId) {
    return accountId + ":" + processId;
  }

  /**
   * Inserts an active journey.
   *
   * @return false when the account already has an active journey of the process
   */
  boolean insertActive(
      String id, String accountId, String processId, String variables, OffsetDateTime now) {
    return UniqueInsert.attempt(
        jdbc,
        () ->
            jdbc.sql(
                    """
                    INSERT INTO journeys (id, account_id, process_id, status, active_key,
                                          variables, started_at, updated_at)
                    VALUES (:id, :account, :process, 'ACTIVE', :activeKey, :variables, :now, :now)
                    """)
                .param("id", id)
                .param("account", accountId)
                .param("process", processId)
                .param("activeKey", activeKey(accountId, processId))
                .param("variables", variables)
                .param("now", now)
                .update());
  }

  /**
   * Binds the journey to its engine instance and notes the stored version of the process it runs
   * (null when the version is not known; the one noted before is then kept).
   */
  void attachInstance(
      String id, long processInstanceKey, Integer processVersion, OffsetDateTime now) {
    jdbc.sql(
            "UPDATE journeys SET process_instance_key = ?,"
                + " process_version = COALESCE(?, process_version), updated_at = ? WHERE id = ?")
        .params(processInstanceKey, processVersion, now, id)
        .update();
  }

  /** Moves a journey to another element (and version) of its process. */
  void migrated(String id, int processVersion, String element, OffsetDateTime now) {
    jdbc.sql(
            """
            UPDATE journeys SET process_version = :version, current_element = :element,
                   checkpoint_element = :element, updated_at = :now
            WHERE id = :id AND status = 'ACTIVE'
            """)
        .param("version", processVersion)
        .param("element", element)
        .param("now", now)
        .param("id", id)
        .update();
  }

  /** The active journeys of a process version. */
  public List<Journey> activeOn(String processId, int processVersion) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM journeys WHERE status = 'ACTIVE' AND process_id = ?"
                + " AND process_version = ? ORDER BY id")
        .params(processId, processVersion)
        .query(ROW)
        .list();
  }

  /** The previous engine's instance keys mean nothing to a fresh embedded engine. */
  void forgetInstanceKeys() {
    jdbc.sql("UPDATE journeys SET process_instance_key = NULL WHERE status = 'ACTIVE'").update();
  }

  void delete(String id) {
    jdbc.sql("DELETE FROM journeys WHERE id = ?").param(id).update();
  }

  void checkpoint(String id, String element, String variables, OffsetDateTime now) {
    jdbc.sql(
            """
            UPDATE journeys SET current_element = :element, checkpoint_element = :element,
                   variables = :variables, updated_at = :now
            WHERE id = :id AND status = 'ACTIVE'
            """)
        .param("element", element)
        .param("variables", variables)
        .param("now", now)
        .param("id", id)
        .update();
  }

  boolean end(String id, String element, String reason, OffsetDateTime now) {
    return jdbc.sql(
                """
                UPDATE journeys SET status = 'ENDED', active_key = NULL, current_element = :element,
                       end_reason = :reason, updated_at = :now, ended_at = :now
                WHERE id = :id AND status = 'ACTIVE'
                """)
            .param("element", element)
            .param("reason", reason)
            .param("now", now)
            .param("id", id)
            .update()
        == 1;
  }

  public Optional<Journey> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE id = ?")
        .param(id)
        .query(ROW)
        .optional();
  }

  public Optional<Journey> active(String accountId, String processId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE active_key = ?")
        .param(activeKey(accountId, processId))
        .query(ROW)
        .optional();
  }

  public List<Journey> forAccount(String accountId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM journeys WHERE account_id = ? ORDER BY started_at DESC")
        .param(accountId)
        .query(ROW)
        .list();
  }

  public List<Journey> allActive() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE status = 'ACTIVE' ORDER BY id")
        .query(ROW)
        .list();
  }

  public List<Journey> recent(String statusOrNull, int limit) {
    return recent(statusOrNull, null, limit);
  }

  /** The latest journeys, optionally in one status and only of one owner's accounts. */
  public List<Journey> recent(String statusOrNull, String ownerOrNull, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM journeys WHERE (CAST(:status AS VARCHAR(20)) IS NULL OR status = :status)"
                + " AND (CAST(:owner AS VARCHAR(80)) IS NULL OR account_id IN"
                + " (SELECT id FROM accounts WHERE owner_csm = :owner))"
                + " ORDER BY updated_at DESC LIMIT :limit")
        .param("status", statusOrNull)
        .param("owner", ownerOrNull)
        .param("limit", limit)
        .query(ROW)
        .list();
  }

  /** The journeys of a process standing at (or ended at) an element, latest first. */
  public List<Journey> atElement(String processId, String elementId, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM journeys WHERE process_id = :process AND current_element = :element"
                + " ORDER BY updated_at DESC LIMIT :limit")
        .param("process", processId)
        .param("element", elementId)
        .param("limit", limit)
        .query(ROW)
        .list();
  }
}
