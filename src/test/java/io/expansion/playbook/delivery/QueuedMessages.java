package io.expansion.playbook.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Queues messages for an account's primary contact as the touch gate does (a touch and its outbox
 * row, same columns), without a journey: the relay's tests need many messages and exact timing.
 */
final class QueuedMessages {

  private final JdbcClient jdbc;
  private final Clock clock;

  QueuedMessages(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A message of a marketing, offer or service touch; returns its message id. */
  String queue(String account, String channel, String purpose, OffsetDateTime deliverAfter) {
    String messageId = UUID.randomUUID().toString();
    String contact = account + "-C1";
    OffsetDateTime now = OffsetDateTime.now(clock);
    jdbc.sql(
            "INSERT INTO touches (business_key, account_id, contact_id, journey_id, play,"
                + " purpose, channel, occurred_at, deliver_after) VALUES (?, ?, ?, 'test', 'test',"
                + " ?, ?, ?, ?)")
        .params("test:" + messageId, account, contact, purpose, channel, now, deliverAfter)
        .update();
    long touchId =
        jdbc.sql("SELECT id FROM touches WHERE business_key = ?")
            .param("test:" + messageId)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO outbox (touch_id, message_id, contact_id, channel, recipient, subject,"
                + " body, status, created_at, deliver_after) SELECT ?, ?, c.id, ?, c.email, ?, ?,"
                + " 'PENDING', ?, ? FROM contacts c WHERE c.id = ?")
        .params(
            touchId,
            messageId,
            channel,
            "Message " + messageId.substring(0, 8),
            "Body of " + messageId,
            now,
            deliverAfter,
            contact)
        .update();
    return messageId;
  }
}
