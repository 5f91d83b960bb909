package io.expansion.playbook.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.database.UniqueInsert;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes and reads the decision log. Each row names its {@link Actor}: whoever is acting on the
 * current thread ({@link ActorSource}: the signed-in user on a request thread, {@code system} for
 * job workers and background work), or the actor given explicitly for work handed to another
 * thread.
 */
@Repository
public class DecisionLog {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final String COLUMNS =
      "id, account_id, journey_id, rule, outcome, rationale, inputs, decided_at, actor";

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;
  private final ActorSource actors;

  /**
   * A log that records every decision as {@link Actor#SYSTEM} (tools and tests without sign-in).
   */
  public DecisionLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this(jdbc, json, clock, ActorSource.SYSTEM);
  }

  @Autowired
  DecisionLog(JdbcClient jdbc, ObjectMapper json, Clock clock, ObjectProvider<ActorSource> actors) {
    this(jdbc, json, clock, actors.getIfAvailable(() -> ActorSource.SYSTEM));
  }

  private DecisionLog(JdbcClient jdbc, ObjectMapper json, Clock clock, ActorSource actors) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.actors = actors;
  }

  /** Who is acting on this thread now; capture it before handing work to another thread. */
  public Actor currentActor() {
    return actors.current();
  }

  /**
   * Records a decision once per business key: a redelivered job that decides again writes nothing.
   * The actor is whoever acts on this thread ({@link #currentActor()}).
   *
   * @param businessKey unique key of this decision (e.g. journey, loop and rule), or null
   * @param accountId the account decided about, or null for a decision about the whole book
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
    return record(
        currentActor(), businessKey, accountId, journeyId, rule, outcome, rationale, inputs);
  }

  /** As {@link #record(String, String, String, String, String, String, Map)}, by a given actor. */
  public boolean record(
      Actor actor,
      String businessKey,
      String accountId,
      String journeyId,
      String rule,
      String outcome,
      String rationale,
      Map<String, ?> inputs) {
    // One statement both checks the key and inserts; a concurrent duplicate is refused by the
    // unique business key, without spoiling the caller's transaction. Every value is cast, so
    // PostgreSQL knows the parameters' types in the SELECT list.
    return UniqueInsert.attempt(
        jdbc,
        () ->
            jdbc.sql(
                    """
                    INSERT INTO decisions
                      (business_key, account_id, journey_id, rule, outcome, rationale, inputs,
                       decided_at, actor)
                    SELECT CAST(:key AS VARCHAR(200)), CAST(:account AS VARCHAR(40)),
                           CAST(:journey AS VARCHAR(40)), CAST(:rule AS VARCHAR(80)),
                           CAST(:outcome AS VARCHAR(80)), CAST(:rationale AS VARCHAR(2000)),
                           CAST(:inputs AS TEXT),
                           CAST(:at AS TIMESTAMP WITH TIME ZONE), CAST(:actor AS VARCHAR(100))
                     WHERE NOT EXISTS (SELECT 1 FROM decisions WHERE business_key = :key)
                    """)
                .param("key", businessKey)
                .param("account", accountId)
                .param("journey", journeyId)
                .param("rule", rule)
                .param("outcome", outcome)
                .param("rationale", truncate(rationale))
                .param("inputs", write(inputs))
                .param("at", OffsetDateTime.now(clock))
                .param("actor", actor.name())
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
            "SELECT " + COLUMNS + " FROM decisions WHERE account_id = ? ORDER BY id DESC LIMIT ?")
        .param(accountId)
        .param(limit)
        .query(this::decision)
        .list();
  }

  /**
   * The latest decisions, newest first, optionally only one actor's or one rule's.
   *
   * @param actorOrNull e.g. {@code csm-03} or {@code system}; null for everyone
   * @param ruleOrNull e.g. {@code model-activation}; null for every rule
   */
  public List<Decision> latest(String actorOrNull, String ruleOrNull, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                 FROM decisions
                WHERE (CAST(:actor AS VARCHAR(100)) IS NULL OR actor = :actor)
                  AND (CAST(:rule AS VARCHAR(80)) IS NULL OR rule = :rule)
                ORDER BY id DESC LIMIT :limit
                """)
        .param("actor", actorOrNull)
        .param("rule", ruleOrNull)
        .param("limit", limit)
        .query(this::decision)
        .list();
  }

  private Decision decision(ResultSet rs, int row) throws SQLException {
    return new Decision(
        rs.getLong("id"),
        rs.getString("account_id"),
        rs.getString("journey_id"),
        rs.getString("rule"),
        rs.getString("outcome"),
        rs.getString("rationale"),
        read(rs.getString("inputs")),
        rs.getObject("decided_at", OffsetDateTime.class),
        rs.getString("actor"));
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
