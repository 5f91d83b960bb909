package io.expansion.playbook.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Writes many decision rows with one JDBC batch, for work that decides about thousands of accounts
 * at once (a whole-book scoring run); {@link DecisionLog} writes and reads single decisions.
 */
@Repository
public class DecisionBatch {

  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  public DecisionBatch(NamedParameterJdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** A decision to record; its business key must be new (a repeated key fails the batch). */
  public record NewDecision(
      String businessKey,
      String accountId,
      String journeyId,
      String rule,
      String outcome,
      String rationale,
      Map<String, ?> inputs) {}

  /** Records the decisions in the caller's transaction. */
  public void recordAll(List<NewDecision> decisions) {
    if (decisions.isEmpty()) {
      return;
    }
    OffsetDateTime at = OffsetDateTime.now(clock);
    List<SqlParameterSource> rows = new ArrayList<>(decisions.size());
    for (NewDecision d : decisions) {
      rows.add(
          new MapSqlParameterSource()
              .addValue("key", d.businessKey(), Types.VARCHAR)
              .addValue("account", d.accountId())
              .addValue("journey", d.journeyId(), Types.VARCHAR)
              .addValue("rule", d.rule())
              .addValue("outcome", d.outcome())
              .addValue("rationale", truncate(d.rationale()))
              .addValue("inputs", write(d.inputs()))
              .addValue("at", at));
    }
    jdbc.batchUpdate(
        """
        INSERT INTO decisions
          (business_key, account_id, journey_id, rule, outcome, rationale, inputs, decided_at)
        VALUES (:key, :account, :journey, :rule, :outcome, :rationale, :inputs, :at)
        """,
        rows.toArray(SqlParameterSource[]::new));
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
}
