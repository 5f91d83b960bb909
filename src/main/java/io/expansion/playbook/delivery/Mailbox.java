package io.expansion.playbook.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The local mailbox: the emails that would have left, when no SMTP host is configured. */
@Repository
class Mailbox {

  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  /** An email in the local mailbox, with every header as it was written. */
  record Email(
      long id,
      String messageId,
      String sender,
      String recipient,
      String subject,
      Map<String, String> headers,
      String body,
      OffsetDateTime deliveredAt) {}

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  Mailbox(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void store(
      String messageId,
      String sender,
      String recipient,
      String subject,
      Map<String, String> headers,
      String body,
      OffsetDateTime at) {
    try {
      jdbc.sql(
              "INSERT INTO mailbox (message_id, sender, recipient, subject, headers, body,"
                  + " delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(messageId, sender, recipient, subject, json.writeValueAsString(headers), body, at)
          .update();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Email headers are not serialisable", e);
    }
  }

  List<Email> latest(String recipient, int limit) {
    if (recipient == null) {
      return jdbc.sql("SELECT * FROM mailbox ORDER BY id DESC LIMIT ?")
          .param(limit)
          .query(this::map)
          .list();
    }
    return jdbc.sql("SELECT * FROM mailbox WHERE recipient = ? ORDER BY id DESC LIMIT ?")
        .params(recipient, limit)
        .query(this::map)
        .list();
  }

  Optional<Email> byMessageId(String messageId) {
    return jdbc.sql("SELECT * FROM mailbox WHERE message_id = ?")
        .param(messageId)
        .query(this::map)
        .optional();
  }

  private Email map(ResultSet rs, int n) throws SQLException {
    Map<String, String> headers;
    try {
      headers = json.readValue(rs.getString("headers"), HEADERS);
    } catch (JsonProcessingException e) {
      headers = Map.of();
    }
    return new Email(
        rs.getLong("id"),
        rs.getString("message_id"),
        rs.getString("sender"),
        rs.getString("recipient"),
        rs.getString("subject"),
        headers,
        rs.getString("body"),
        rs.getObject("delivered_at", OffsetDateTime.class));
  }
}
