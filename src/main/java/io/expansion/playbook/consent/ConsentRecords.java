package io.expansion.playbook.consent;

import io.expansion.playbook.database.RecordRows;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The consent tables: the current state per channel and the history of every change. */
@Repository
class ConsentRecords {

  /** The current consent of a contact on one channel. */
  record ConsentState(String channel, boolean optedIn, String source, OffsetDateTime changedAt) {}

  /** One change, as recorded in the history. */
  record ConsentChange(
      long id,
      String idempotencyKey,
      String contactId,
      String channel,
      boolean optedIn,
      Boolean previousOptedIn,
      String source,
      OffsetDateTime changedAt) {}

  private static final String CHANGE_COLUMNS =
      "id, idempotency_key, contact_id, channel, opted_in, previous_opted_in, source, changed_at";

  private final JdbcClient jdbc;

  ConsentRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<ConsentState> current(String contactId) {
    return jdbc.sql(
            "SELECT channel, opted_in, source, changed_at FROM contact_consents"
                + " WHERE contact_id = ? ORDER BY channel")
        .param(contactId)
        .query(RecordRows.of(ConsentState.class))
        .list();
  }

  Optional<ConsentState> current(String contactId, String channel) {
    return jdbc.sql(
            "SELECT channel, opted_in, source, changed_at FROM contact_consents"
                + " WHERE contact_id = ? AND channel = ?")
        .params(contactId, channel)
        .query(RecordRows.of(ConsentState.class))
        .optional();
  }

  /**
   * Every change of the contact's consents, oldest first; a channel whose state predates the
   * registry and never changed shows that state as its initial entry (id 0).
   */
  List<ConsentChange> history(String contactId) {
    List<ConsentChange> changes =
        jdbc.sql(
                "SELECT "
                    + CHANGE_COLUMNS
                    + " FROM consent_changes WHERE contact_id = ? ORDER BY id")
            .param(contactId)
            .query(RecordRows.of(ConsentChange.class))
            .list();
    List<ConsentChange> initial =
        current(contactId).stream()
            .filter(c -> changes.stream().noneMatch(h -> h.channel().equals(c.channel())))
            .map(
                c ->
                    new ConsentChange(
                        0,
                        "initial:" + contactId + ":" + c.channel(),
                        contactId,
                        c.channel(),
                        c.optedIn(),
                        null,
                        c.source(),
                        c.changedAt()))
            .toList();
    List<ConsentChange> all = new java.util.ArrayList<>(initial);
    all.addAll(changes);
    return all;
  }

  Optional<ConsentChange> byKey(String idempotencyKey) {
    return jdbc.sql("SELECT " + CHANGE_COLUMNS + " FROM consent_changes WHERE idempotency_key = ?")
        .param(idempotencyKey)
        .query(RecordRows.of(ConsentChange.class))
        .optional();
  }

  /**
   * Records the change and makes it the current state. A state set before the registry kept history
   * (e.g. by the book import) becomes the first entry of the channel's history.
   */
  void apply(
      String idempotencyKey,
      String contactId,
      String channel,
      boolean optedIn,
      Optional<ConsentState> before,
      String source,
      OffsetDateTime at) {
    Boolean previous = before.map(ConsentState::optedIn).orElse(null);
    if (before.isPresent() && !hasHistory(contactId, channel)) {
      insertChange(
          "initial:" + contactId + ":" + channel,
          contactId,
          channel,
          before.get().optedIn(),
          null,
          before.get().source(),
          before.get().changedAt());
    }
    insertChange(idempotencyKey, contactId, channel, optedIn, previous, source, at);
    int updated =
        jdbc.sql(
                "UPDATE contact_consents SET opted_in = ?, source = ?, changed_at = ?"
                    + " WHERE contact_id = ? AND channel = ?")
            .params(optedIn, source, at, contactId, channel)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO contact_consents (contact_id, channel, opted_in, source, changed_at)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(contactId, channel, optedIn, source, at)
          .update();
    }
  }

  private boolean hasHistory(String contactId, String channel) {
    return jdbc.sql("SELECT COUNT(*) FROM consent_changes WHERE contact_id = ? AND channel = ?")
            .params(contactId, channel)
            .query(Integer.class)
            .single()
        > 0;
  }

  private void insertChange(
      String idempotencyKey,
      String contactId,
      String channel,
      boolean optedIn,
      Boolean previous,
      String source,
      OffsetDateTime at) {
    jdbc.sql(
            """
            INSERT INTO consent_changes (idempotency_key, contact_id, channel, opted_in,
                                         previous_opted_in, source, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        .params(idempotencyKey, contactId, channel, optedIn, previous, source, at)
        .update();
  }

  /** Locks the contact row for the rest of the transaction; empty when the contact is unknown. */
  Optional<ContactRow> lockContact(String contactId) {
    return jdbc.sql(
            "SELECT id, account_id, name, email, erased_at FROM contacts WHERE id = ? FOR UPDATE")
        .param(contactId)
        .query(RecordRows.of(ContactRow.class))
        .optional();
  }

  Optional<ContactRow> contact(String contactId) {
    return jdbc.sql("SELECT id, account_id, name, email, erased_at FROM contacts WHERE id = ?")
        .param(contactId)
        .query(RecordRows.of(ContactRow.class))
        .optional();
  }

  /** A contact with its erasure state. */
  record ContactRow(
      String id, String accountId, String name, String email, OffsetDateTime erasedAt) {
    boolean erased() {
      return erasedAt != null;
    }
  }
}
