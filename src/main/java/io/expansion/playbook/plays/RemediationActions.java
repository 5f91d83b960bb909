package io.expansion.playbook.plays;

import io.expansion.playbook.database.RecordRows;
import io.expansion.playbook.database.UniqueInsert;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The remediation each play round settled on; one row per business key. */
@Repository
public class RemediationActions {

  /** A remediation chosen for an account. */
  public record Action(
      long id,
      String accountId,
      String journeyId,
      String play,
      String action,
      String notes,
      String decidedBy,
      OffsetDateTime createdAt) {}

  private final JdbcClient jdbc;

  public RemediationActions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the action once; returns false when the business key was already stored. */
  public boolean insert(
      String businessKey,
      String accountId,
      String journeyId,
      String play,
      String action,
      String notes,
      String decidedBy,
      OffsetDateTime now) {
    // A redelivered job's second insert is refused by the unique business key.
    return UniqueInsert.attempt(
        jdbc,
        () ->
            jdbc.sql(
                    """
                    INSERT INTO remediation_actions
                      (business_key, account_id, journey_id, play, action, notes, decided_by,
                       created_at)
                    VALUES (:key, :account, :journey, :play, :action, :notes, :decidedBy, :now)
                    """)
                .param("key", businessKey)
                .param("account", accountId)
                .param("journey", journeyId)
                .param("play", play)
                .param("action", action)
                .param("notes", notes)
                .param("decidedBy", decidedBy)
                .param("now", now)
                .update());
  }

  public List<Action> forAccount(String accountId) {
    return jdbc.sql(
            """
            SELECT id, account_id, journey_id, play, action, notes, decided_by, created_at
            FROM remediation_actions WHERE account_id = ? ORDER BY id DESC
            """)
        .param(accountId)
        .query(RecordRows.of(Action.class))
        .list();
  }
}
