package io.expansion.playbook.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.database.UniqueInsert;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes and reads the decision log. */
@Repository
public class DecisionLog {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  public DecisionLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Records a decision once per business key: a redelivered job that decides again writes nothing.
   *
   * @param businessKey unique key of this decision (e.g. journey, loop and rule), or null
   * @return true when the row was written, false when the key was already recorded
   */
  public boolean record(
      String businessKey,
      String accountId,
      String journeyId,
      String rule,
      String outcome,
      String rationale,
      Map<String, ?> inputs) {
    if (businessKey != null && exists(businessKey)) {
      return false;
    }
    // A concurrent duplicate is refused by the unique business key, without spoiling the caller's
    // transaction.
    return UniqueInsert.attempt(
        jdbc,
        () ->
            jdbc.sql(
                    """
                    INSERT INTO decisions
                      (business_key, account_id, journey_id, rule, outcome, rationale, inputs,
                       decided_at)
                    VALUES (:key, :account, :journey, :rule, :outcome, :rationale, :inputs, :at)
                    """)
                .param("key", businessKey)
                .param("account", accountId)
                .param("journey", journeyId)
                .param("rule", rule)
                .param("outcome", outcome)
                .param("rationale", truncate(rationale))
                .param("inputs", write(inputs))
                .param("at", OffsetDateTime.now(clock))
                .update());
  }

  /** Whether a decision with this business key is recorded. */
  public boolean exists(String businessKey) {
    return jdbc.sql("SELECT COUNT(*) FROM decisions WHERE business_key = ?")
            .param(businessKey)
            .query(Long.class)
            .single()
        > 0;
  }

  public List<Decision> forAccount(String accountId, int limit) {
    return jdbc.sql(
            """
            SELECT id, account_id, journey_id, rule, outcome, rationale, inputs, decided_at
            FROM decisions WHERE account_id = ? ORDER BY id DESC LIMIT ?
            """)
        .param(accountId)
        .param(limit)
        .query(
            (rs, n) ->
                new Decision(
                    rs.getLong("id"),
                    rs.getString("account_id"),
                    rs.getString("journey_id"),
                    rs.getString("rule"),
                    rs.getString("outcome"),
                    rs.getString("rationale"),
                    read(rs.getString("inputs")),
                    rs.getObject("decided_at", OffsetDateTime.class)))
        .list();
  }

  private static String truncate(String rationale) {
    return rationale.length() <= 2000 ? rationale : rationale.substring(0, 1997) + "...";
  }

  private String write(Map<String, ?> inputs) {
    try {
      return json.writeValueAsString(inputs == null ? Map.of() : inputs);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Decision inputs are not serialisable", e);
    }
  }

  private Map<String, Object> read(String inputs) {
    try {
      return json.readValue(inputs, MAP);
    } catch (JsonProcessingException e) {
      return Map.of("raw", inputs);
    }
  }
}
