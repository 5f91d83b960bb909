package io.expansion.playbook.consent;

import io.expansion.playbook.consent.ConsentRecords.ConsentChange;
import io.expansion.playbook.consent.ConsentRecords.ConsentState;
import io.expansion.playbook.consent.ConsentRecords.ContactRow;
import io.expansion.playbook.database.RecordRows;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Export and erasure of a contact's personal data on request. Erasure removes name and email,
 * pseudonymises the outbox (recipient, subject, body; pending messages are cancelled), scrubs the
 * name and email from the account's decision log and opts the contact out of every channel. Touches
 * and decisions stay (referring to the contact only by its id) so the decision log remains intact
 * and countable; the erasure itself is recorded as a decision.
 */
@Service
public class PersonalData {

  static final String ERASED = "[erased]";

  private final ConsentRecords records;
  private final Touches touches;
  private final DecisionLog decisions;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  PersonalData(
      ConsentRecords records,
      Touches touches,
      DecisionLog decisions,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      Clock clock) {
    this.records = records;
    this.touches = touches;
    this.decisions = decisions;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** A message of the outbox. */
  public record OutboxMessage(
      long id,
      Long touchId,
      String channel,
      String recipient,
      String subject,
      String body,
      String status,
      OffsetDateTime createdAt,
      OffsetDateTime deliverAfter) {}

  /** Everything stored about a contact. */
  public record Export(
      ContactRow contact,
      List<ConsentState> consents,
      List<ConsentChange> history,
      List<Touches.Touch> touches,
      List<OutboxMessage> messages,
      OffsetDateTime exportedAt) {}

  /** What an erasure did; {@code alreadyErased} when an earlier request did it. */
  public record Erasure(
      String contactId,
      OffsetDateTime erasedAt,
      int messagesPseudonymised,
      int pendingMessagesCancelled,
      int decisionsScrubbed,
      int channelsOptedOut,
      boolean alreadyErased) {}

  public Export export(String contactId) {
    ContactRow contact =
        records
            .contact(contactId)
            .orElseThrow(() -> ApiException.notFound("Unknown contact '" + contactId + "'"));
    return new Export(
        contact,
        records.current(contactId),
        records.history(contactId),
        touches.forContact(contactId),
        messages(contactId),
        OffsetDateTime.now(clock));
  }

  public Erasure erase(String contactId, String requestedBy) {
    return transaction.execute(status -> eraseLocked(contactId, requestedBy));
  }

  private Erasure eraseLocked(String contactId, String requestedBy) {
    ContactRow contact =
        records
            .lockContact(contactId)
            .orElseThrow(() -> ApiException.notFound("Unknown contact '" + contactId + "'"));
    if (contact.erased()) {
      return new Erasure(contactId, contact.erasedAt(), 0, 0, 0, 0, true);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    String pseudonym = "erased:" + contactId;
    int cancelled =
        jdbc.sql(
                "UPDATE outbox SET status = 'CANCELLED', status_reason = 'contact erased' WHERE"
                    + " status IN ('PENDING', 'CLAIMED') AND touch_id IN"
                    + " (SELECT id FROM touches WHERE contact_id = ?)")
            .param(contactId)
            .update();
    int messages =
        jdbc.sql(
                "UPDATE outbox SET recipient = ?, subject = ?, body = ? WHERE touch_id IN"
                    + " (SELECT id FROM touches WHERE contact_id = ?)")
            .params(pseudonym, ERASED, ERASED, contactId)
            .update();
    // The local mailbox keeps copies of delivered emails (delivery package): scrub them too.
    jdbc.sql(
            "UPDATE mailbox SET recipient = ?, subject = ?, body = ?, headers = '{}' WHERE"
                + " message_id IN (SELECT o.message_id FROM outbox o JOIN touches t ON t.id ="
                + " o.touch_id WHERE t.contact_id = ?)")
        .params(pseudonym, ERASED, ERASED, contactId)
        .update();
    int scrubbed = 0;
    for (String personal : new String[] {contact.email(), contact.name()}) {
      if (personal != null && personal.length() >= 3) {
        scrubbed +=
            jdbc.sql(
                    """
                    UPDATE decisions
                    SET rationale = REPLACE(rationale, :p, :erased),
                        inputs = REPLACE(inputs, :p, :erased)
                    WHERE account_id = :account
                      AND (rationale LIKE :like OR inputs LIKE :like)
                    """)
                .param("p", personal)
                .param("erased", ERASED)
                .param("account", contact.accountId())
                .param("like", "%" + personal + "%")
                .update();
      }
    }
    jdbc.sql("UPDATE contacts SET name = ?, email = NULL, erased_at = ? WHERE id = ?")
        .params(ERASED, now, contactId)
        .update();
    int optedOut = 0;
    for (String channel : ContactPolicy.CHANNELS) {
      var before = records.current(contactId, channel);
      if (before.isEmpty() || before.get().optedIn()) {
        records.apply(
            "erasure:" + contactId + ":" + channel,
            contactId,
            channel,
            false,
            before,
            "erasure",
            now);
        optedOut++;
      }
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("contactId", contactId);
    inputs.put("requestedBy", requestedBy);
    inputs.put("messagesPseudonymised", messages);
    inputs.put("pendingMessagesCancelled", cancelled);
    inputs.put("decisionsScrubbed", scrubbed);
    inputs.put("channelsOptedOut", optedOut);
    decisions.record(
        "erasure:" + contactId,
        contact.accountId(),
        null,
        "erasure",
        "erased",
        "Personal data of contact "
            + contactId
            + " erased on request: name and email removed, "
            + messages
            + " outbox messages pseudonymised ("
            + cancelled
            + " pending cancelled), opted out of every channel; touches and decisions kept"
            + " under the contact id only",
        inputs);
    return new Erasure(contactId, now, messages, cancelled, scrubbed, optedOut, false);
  }

  private List<OutboxMessage> messages(String contactId) {
    return jdbc.sql(
            """
            SELECT o.id, o.touch_id, o.channel, o.recipient, o.subject, o.body, o.status,
                   o.created_at, o.deliver_after
            FROM outbox o JOIN touches t ON t.id = o.touch_id
            WHERE t.contact_id = ? ORDER BY o.id
            """)
        .param(contactId)
        .query(RecordRows.of(OutboxMessage.class))
        .list();
  }
}
