package io.expansion.playbook.consent;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Touches sent to accounts, and the outbox of messages the channel gateways deliver. */
@Repository
public class Touches {

  /** A touch as stored. */
  public record Touch(
      long id,
      String accountId,
      String contactId,
      String journeyId,
      Long offerId,
      String play,
      String channel,
      OffsetDateTime occurredAt) {}

  private static final String COLUMNS =
      "id, account_id, contact_id, journey_id, offer_id, play, channel, occurred_at";

  private final JdbcClient jdbc;

  public Touches(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public int countSince(String accountId, OffsetDateTime since) {
    return jdbc.sql("SELECT COUNT(*) FROM touches WHERE account_id = ? AND occurred_at >= ?")
        .params(accountId, since)
        .query(Integer.class)
        .single();
  }

  Optional<Touch> byBusinessKey(String businessKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM touches WHERE business_key = ?")
        .param(businessKey)
        .query(Touch.class)
        .optional();
  }

  long insert(
      String businessKey,
      String accountId,
      String contactId,
      String journeyId,
      Long offerId,
      String play,
      String channel,
      OffsetDateTime now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO touches (business_key, account_id, contact_id, journey_id, offer_id, play,
                                 channel, occurred_at)
            VALUES (:key, :account, :contact, :journey, :offer, :play, :channel, :now)
            """)
        .param("key", businessKey)
        .param("account", accountId)
        .param("contact", contactId)
        .param("journey", journeyId)
        .param("offer", offerId)
        .param("play", play)
        .param("channel", channel)
        .param("now", now)
        .update(key, "id");
    return key.getKey().longValue();
  }

  void enqueue(
      long touchId,
      String channel,
      String recipient,
      String subject,
      String body,
      OffsetDateTime now) {
    jdbc.sql(
            """
            INSERT INTO outbox (touch_id, channel, recipient, subject, body, status, created_at)
            VALUES (?, ?, ?, ?, ?, 'PENDING', ?)
            """)
        .params(touchId, channel, recipient, subject, body, now)
        .update();
  }

  public List<Touch> forAccount(String accountId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM touches WHERE account_id = ? ORDER BY id DESC")
        .param(accountId)
        .query(Touch.class)
        .list();
  }
}
