package io.expansion.playbook.consent;

import io.expansion.playbook.consent.ContactFacts.PastTouch;
import io.expansion.playbook.database.RecordRows;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Touches sent to accounts, and the outbox of messages the channel gateways deliver. */
@Repository
public class Touches {

  /**
   * A touch as stored.
   *
   * @param deliverAfter when quiet hours deferred it, the moment it may be delivered; else null
   */
  public record Touch(
      long id,
      String accountId,
      String contactId,
      String journeyId,
      Long offerId,
      String play,
      String purpose,
      String channel,
      OffsetDateTime occurredAt,
      OffsetDateTime deliverAfter) {}

  /** What to store for a new touch. */
  record NewTouch(
      String businessKey,
      String accountId,
      String contactId,
      String journeyId,
      Long offerId,
      String play,
      String purpose,
      String channel,
      OffsetDateTime occurredAt,
      OffsetDateTime deliverAfter) {}

  private static final String COLUMNS =
      "id, account_id, contact_id, journey_id, offer_id, play, purpose, channel, occurred_at,"
          + " deliver_after";

  private final JdbcClient jdbc;

  public Touches(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Touches of the account delivered (or due) at or after {@code since}, deferred ones included.
   */
  List<PastTouch> deliveredSince(String accountId, OffsetDateTime since) {
    return jdbc.sql(
            """
            SELECT purpose, contact_id, COALESCE(deliver_after, occurred_at) AS deliver_at
            FROM touches
            WHERE account_id = ? AND COALESCE(deliver_after, occurred_at) >= ?
            """)
        .params(accountId, since)
        .query(
            (rs, n) ->
                new PastTouch(
                    rs.getString("purpose"),
                    rs.getString("contact_id"),
                    rs.getObject("deliver_at", OffsetDateTime.class)))
        .list();
  }

  /** {@link #deliveredSince} for the accounts whose ids lie between the two (inclusive). */
  Map<String, List<PastTouch>> deliveredSinceBetween(
      String firstId, String lastId, OffsetDateTime since) {
    Map<String, List<PastTouch>> byAccount = new HashMap<>();
    jdbc.sql(
            """
            SELECT account_id, purpose, contact_id, COALESCE(deliver_after, occurred_at) AS deliver_at
            FROM touches
            WHERE account_id BETWEEN ? AND ? AND COALESCE(deliver_after, occurred_at) >= ?
            """)
        .params(firstId, lastId, since)
        .query(
            (RowCallbackHandler)
                rs ->
                    byAccount
                        .computeIfAbsent(rs.getString("account_id"), k -> new ArrayList<>())
                        .add(
                            new PastTouch(
                                rs.getString("purpose"),
                                rs.getString("contact_id"),
                                rs.getObject("deliver_at", OffsetDateTime.class))));
    return byAccount;
  }

  Optional<Touch> byBusinessKey(String businessKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM touches WHERE business_key = ?")
        .param(businessKey)
        .query(RecordRows.of(Touch.class))
        .optional();
  }

  long insert(NewTouch t) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO touches (business_key, account_id, contact_id, journey_id, offer_id, play,
                                 purpose, channel, occurred_at, deliver_after)
            VALUES (:key, :account, :contact, :journey, :offer, :play, :purpose, :channel, :now,
                    :deliverAfter)
            """)
        .param("key", t.businessKey())
        .param("account", t.accountId())
        .param("contact", t.contactId())
        .param("journey", t.journeyId())
        .param("offer", t.offerId())
        .param("play", t.play())
        .param("purpose", t.purpose())
        .param("channel", t.channel())
        .param("now", t.occurredAt())
        .param("deliverAfter", t.deliverAfter())
        .update(key, "id");
    return key.getKey().longValue();
  }

  /**
   * Queues the touch's message for the relay ({@code delivery}); its message id (a random UUID)
   * travels as the email's Message-ID and as the idempotency key of every other channel.
   */
  void enqueue(
      long touchId,
      String contactId,
      String channel,
      String recipient,
      String subject,
      String body,
      OffsetDateTime now,
      OffsetDateTime deliverAfter) {
    jdbc.sql(
            """
            INSERT INTO outbox (touch_id, message_id, contact_id, channel, recipient, subject, body,
                                status, created_at, deliver_after)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
            """)
        .params(
            touchId,
            UUID.randomUUID().toString(),
            contactId,
            channel,
            recipient,
            subject,
            body,
            now,
            deliverAfter)
        .update();
  }

  public List<Touch> forAccount(String accountId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM touches WHERE account_id = ? ORDER BY id DESC")
        .param(accountId)
        .query(RecordRows.of(Touch.class))
        .list();
  }

  List<Touch> forContact(String contactId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM touches WHERE contact_id = ? ORDER BY id")
        .param(contactId)
        .query(RecordRows.of(Touch.class))
        .list();
  }
}
