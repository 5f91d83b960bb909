package io.expansion.playbook.signals;

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
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Signal rows. */
@Repository
public class Signals {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final String COLUMNS =
      "id, account_id, type, occurred_at, received_at, attributes, idempotency_key, routing,"
          + " journey_id";

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public Signals(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  long insert(
      String accountId,
      String type,
      OffsetDateTime occurredAt,
      OffsetDateTime receivedAt,
      Map<String, Object> attributes,
      String idempotencyKey) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO signals (account_id, type, occurred_at, received_at, attributes,
                                 idempotency_key, routing)
            VALUES (:account, :type, :occurred, :received, :attributes, :key, 'QUEUED')
            """)
        .param("account", accountId)
        .param("type", type)
        .param("occurred", occurredAt)
        .param("received", receivedAt)
        .param("attributes", write(attributes))
        .param("key", idempotencyKey)
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** Routing of a signal the queue has not routed yet ({@code RECEIVED}: earlier versions). */
  static final List<String> UNROUTED = List.of("QUEUED", "RECEIVED");

  /** Records where the signal went; false when it was no longer queued. */
  boolean routed(long id, String routing, String journeyId, OffsetDateTime at) {
    return jdbc.sql(
                "UPDATE signals SET routing = ?, journey_id = ?, routed_at = ? WHERE id = ?"
                    + " AND routing IN ('QUEUED', 'RECEIVED')")
            .params(routing, journeyId, at, id)
            .update()
        == 1;
  }

  /** Signals stored and not routed yet, oldest first: the queue's durable backlog. */
  List<Signal> unrouted() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM signals WHERE routing IN ('QUEUED', 'RECEIVED') ORDER BY id")
        .query(this::map)
        .list();
  }

  Optional<Signal> byId(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM signals WHERE id = ?")
        .param(id)
        .query(this::map)
        .optional();
  }

  Optional<Signal> byIdempotencyKey(String key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM signals WHERE idempotency_key = ?")
        .param(key)
        .query(this::map)
        .optional();
  }

  /** Signals of an account since a moment, newest first. */
  public List<Signal> since(String accountId, OffsetDateTime since) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM signals WHERE account_id = ? AND occurred_at >= ? ORDER BY occurred_at"
                + " DESC, id DESC")
        .params(accountId, since)
        .query(this::map)
        .list();
  }

  /**
   * Signals since a moment of the accounts whose ids lie between the two (inclusive), per account
   * and newest first — what {@link #since} gives one account, for a page of the book at once.
   */
  public Map<String, List<Signal>> sinceBetween(
      String firstId, String lastId, OffsetDateTime since) {
    return grouped(
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM signals WHERE account_id BETWEEN ? AND ? AND occurred_at >= ?"
                    + " ORDER BY account_id, occurred_at DESC, id DESC")
            .params(firstId, lastId, since)
            .query(this::map)
            .list());
  }

  /**
   * Every signal of the given types of the accounts whose ids lie between the two (inclusive), per
   * account and newest first.
   */
  public Map<String, List<Signal>> ofTypesBetween(
      String firstId, String lastId, List<String> types) {
    return grouped(
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM signals WHERE account_id BETWEEN :first AND :last AND type IN (:types)"
                    + " ORDER BY account_id, occurred_at DESC, id DESC")
            .param("first", firstId)
            .param("last", lastId)
            .param("types", types)
            .query(this::map)
            .list());
  }

  private static Map<String, List<Signal>> grouped(List<Signal> rows) {
    Map<String, List<Signal>> byAccount = new java.util.HashMap<>();
    for (Signal s : rows) {
      byAccount.computeIfAbsent(s.accountId(), k -> new java.util.ArrayList<>()).add(s);
    }
    return byAccount;
  }

  /** The account's most recent signals of a type stored before the given signal, newest first. */
  public List<Signal> before(String accountId, String type, long signalId, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM signals WHERE account_id = ? AND type = ? AND id < ?"
                + " ORDER BY occurred_at DESC, id DESC LIMIT ?")
        .params(accountId, type, signalId, limit)
        .query(this::map)
        .list();
  }

  private Signal map(ResultSet rs, int row) throws SQLException {
    return new Signal(
        rs.getLong("id"),
        rs.getString("account_id"),
        rs.getString("type"),
        rs.getObject("occurred_at", OffsetDateTime.class),
        rs.getObject("received_at", OffsetDateTime.class),
        read(rs.getString("attributes")),
        rs.getString("idempotency_key"),
        rs.getString("routing"),
        rs.getString("journey_id"));
  }

  private String write(Map<String, Object> attributes) {
    try {
      return json.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Signal attributes are not serialisable", e);
    }
  }

  private Map<String, Object> read(String text) {
    try {
      return json.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
