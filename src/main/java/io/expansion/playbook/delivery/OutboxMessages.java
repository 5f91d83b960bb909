package io.expansion.playbook.delivery;

import io.expansion.playbook.database.RecordRows;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads outbox messages with their touch, and records the customer's answers on them. */
@Repository
public class OutboxMessages {

  static final String SELECT =
      """
      SELECT o.id, o.message_id, o.touch_id, t.account_id, o.contact_id, t.journey_id, t.play,
             t.purpose, t.offer_id, f.offer_code, o.channel, o.recipient, o.subject, o.body,
             o.status, o.attempts, o.created_at, o.deliver_after, o.next_attempt_at, o.sent_at,
             o.status_reason, o.engagement, o.engaged_at
      FROM outbox o
      JOIN touches t ON t.id = o.touch_id
      LEFT JOIN offers f ON f.id = t.offer_id
      """;

  private final JdbcClient jdbc;

  OutboxMessages(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<OutboxMessage> byId(long id) {
    return jdbc.sql(SELECT + " WHERE o.id = ?")
        .param(id)
        .query(RecordRows.of(OutboxMessage.class))
        .optional();
  }

  public Optional<OutboxMessage> byMessageId(String messageId) {
    return jdbc.sql(SELECT + " WHERE o.message_id = ?")
        .param(messageId)
        .query(RecordRows.of(OutboxMessage.class))
        .optional();
  }

  /** The message of a touch (a CSM touch has none). */
  public Optional<OutboxMessage> byTouch(long touchId) {
    return jdbc.sql(SELECT + " WHERE o.touch_id = ?")
        .param(touchId)
        .query(RecordRows.of(OutboxMessage.class))
        .optional();
  }

  /** Messages matching the filters (each may be null), newest first. */
  List<OutboxMessage> find(
      String status, String channel, String accountId, String contactId, int limit) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    filter(where, params, "o.status", "status", status);
    filter(where, params, "o.channel", "channel", channel);
    filter(where, params, "t.account_id", "account", accountId);
    filter(where, params, "o.contact_id", "contact", contactId);
    params.put("limit", limit);
    return jdbc.sql(SELECT + where + " ORDER BY o.id DESC LIMIT :limit")
        .params(params)
        .query(RecordRows.of(OutboxMessage.class))
        .list();
  }

  private static void filter(
      StringBuilder where, Map<String, Object> params, String column, String name, String value) {
    if (value != null) {
      where.append(" AND ").append(column).append(" = :").append(name);
      params.put(name, value);
    }
  }

  /**
   * The contact's delivered in-app messages, newest first; answered ones (accepted, declined,
   * dismissed) only when asked for.
   */
  List<OutboxMessage> inApp(String contactId, boolean includeAnswered) {
    return jdbc.sql(
            SELECT
                + """
                 WHERE o.contact_id = :contact AND o.channel = 'in_app' AND o.status = 'SENT'
                   AND (:all = TRUE OR o.engagement IS NULL
                        OR o.engagement IN ('opened', 'clicked'))
                 ORDER BY o.sent_at DESC, o.id DESC
                """)
        .param("contact", contactId)
        .param("all", includeAnswered)
        .query(RecordRows.of(OutboxMessage.class))
        .list();
  }

  /** Holds the message row until the transaction ends, so answers to it are serialised. */
  void lockForAnswer(String messageId) {
    jdbc.sql("SELECT id FROM outbox WHERE message_id = ? FOR UPDATE")
        .param(messageId)
        .query(Long.class)
        .single();
  }

  /** Records an answer; false when this kind of answer was recorded before. */
  boolean recordEvent(
      String messageId,
      String type,
      String engagement,
      String source,
      Long signalId,
      OffsetDateTime at) {
    boolean first =
        jdbc.sql("SELECT COUNT(*) FROM message_events WHERE message_id = ? AND type = ?")
                .params(messageId, type)
                .query(Integer.class)
                .single()
            == 0;
    if (!first) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO message_events (message_id, type, source, signal_id, occurred_at) VALUES"
                + " (?, ?, ?, ?, ?)")
        .params(messageId, type, source, signalId, at)
        .update();
    if (engagement != null) {
      jdbc.sql("UPDATE outbox SET engagement = ?, engaged_at = ? WHERE message_id = ?")
          .params(engagement, at, messageId)
          .update();
    }
    return true;
  }

  /** A recorded answer of a message. */
  public record MessageEvent(String type, String source, Long signalId, OffsetDateTime at) {}

  public List<MessageEvent> events(String messageId) {
    return jdbc.sql(
            "SELECT type, source, signal_id, occurred_at FROM message_events WHERE message_id = ?"
                + " ORDER BY id")
        .param(messageId)
        .query(
            (rs, n) ->
                new MessageEvent(
                    rs.getString("type"),
                    rs.getString("source"),
                    rs.getObject("signal_id", Long.class),
                    rs.getObject("occurred_at", OffsetDateTime.class)))
        .list();
  }
}
