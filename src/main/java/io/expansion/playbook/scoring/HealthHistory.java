package io.expansion.playbook.scoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Rows of {@code health_scores}: every scoring of an account. */
@Repository
public class HealthHistory {

  private static final TypeReference<List<Contribution>> CONTRIBUTIONS = new TypeReference<>() {};
  private static final String COLUMNS =
      "id, account_id, scored_at, stage, health, previous_health, churn_probability,"
          + " contributions, model_version, trigger_source, journey_id";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final ObjectMapper json;

  public HealthHistory(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ObjectMapper json) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.json = json;
  }

  /**
   * One stored scoring.
   *
   * @param trigger what asked for it (e.g. {@code journey}, {@code signal:nps_response}, {@code
   *     api})
   */
  public record HealthScore(
      long id,
      String accountId,
      OffsetDateTime scoredAt,
      String stage,
      int health,
      Integer previousHealth,
      Double churnProbability,
      String modelVersion,
      String trigger,
      String journeyId,
      List<Contribution> contributions) {}

  long insert(
      String accountId,
      OffsetDateTime at,
      HealthModel.Result result,
      Integer previousHealth,
      String trigger,
      String journeyId,
      String businessKey) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO health_scores (account_id, scored_at, stage, health, previous_health,
              churn_probability, contributions, model_version, trigger_source, journey_id,
              business_key)
            VALUES (:account, :at, :stage, :health, :previous, :probability, :contributions,
              :version, :trigger, :journey, :key)
            """)
        .param("account", accountId)
        .param("at", at)
        .param("stage", result.stage())
        .param("health", result.health())
        .param("previous", previousHealth, Types.INTEGER)
        .param("probability", result.churnProbability(), Types.DOUBLE)
        .param("contributions", write(result.contributions()))
        .param("version", result.modelVersion())
        .param("trigger", trigger)
        .param("journey", journeyId, Types.VARCHAR)
        .param("key", businessKey, Types.VARCHAR)
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** A scoring to store in a batch. */
  record NewScore(
      String accountId,
      OffsetDateTime at,
      HealthModel.Result result,
      Integer previousHealth,
      String trigger) {}

  /** Inserts scorings with one JDBC batch (no journey, no business key). */
  void insertAll(List<NewScore> scores) {
    if (scores.isEmpty()) {
      return;
    }
    List<SqlParameterSource> rows = new ArrayList<>(scores.size());
    for (NewScore s : scores) {
      rows.add(
          new MapSqlParameterSource()
              .addValue("account", s.accountId())
              .addValue("at", s.at())
              .addValue("stage", s.result().stage())
              .addValue("health", s.result().health())
              .addValue("previous", s.previousHealth(), Types.INTEGER)
              .addValue("probability", s.result().churnProbability(), Types.DOUBLE)
              .addValue("contributions", write(s.result().contributions()))
              .addValue("version", s.result().modelVersion())
              .addValue("trigger", s.trigger()));
    }
    batch.batchUpdate(
        """
        INSERT INTO health_scores (account_id, scored_at, stage, health, previous_health,
          churn_probability, contributions, model_version, trigger_source)
        VALUES (:account, :at, :stage, :health, :previous, :probability, :contributions,
          :version, :trigger)
        """,
        rows.toArray(SqlParameterSource[]::new));
  }

  /**
   * The latest scoring of an account without its contributions' inputs: what tells whether a fresh
   * scoring differs from it.
   *
   * @param points health points per factor
   */
  record Latest(
      long id,
      String accountId,
      int health,
      String stage,
      String modelVersion,
      Map<String, Integer> points) {}

  /** The latest scoring of each account whose id lies between the two (inclusive). */
  Map<String, Latest> latestBetween(String firstId, String lastId) {
    Map<String, Latest> latest = new HashMap<>();
    jdbc.sql(
            """
            SELECT h.id, h.account_id, h.health, h.stage, h.model_version, h.contributions
            FROM health_scores h JOIN (
              SELECT account_id, MAX(id) AS latest_id FROM health_scores
              WHERE account_id BETWEEN ? AND ? GROUP BY account_id) m ON h.id = m.latest_id
            """)
        .params(firstId, lastId)
        .query(
            (RowCallbackHandler)
                rs ->
                    latest.put(
                        rs.getString("account_id"),
                        new Latest(
                            rs.getLong("id"),
                            rs.getString("account_id"),
                            rs.getInt("health"),
                            rs.getString("stage"),
                            rs.getString("model_version"),
                            points(rs.getString("contributions")))));
    return latest;
  }

  /** Factor to points of stored contributions, read without binding their inputs. */
  private Map<String, Integer> points(String contributions) {
    Map<String, Integer> points = new LinkedHashMap<>();
    try (JsonParser parser = json.getFactory().createParser(contributions)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return points;
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        String factor = null;
        int value = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          switch (field) {
            case "factor" -> factor = parser.getValueAsString();
            case "points" -> value = parser.getIntValue();
            default -> parser.skipChildren();
          }
        }
        points.put(factor, value);
      }
      return points;
    } catch (IOException e) {
      return Map.of();
    }
  }

  boolean exists(String businessKey) {
    return jdbc.sql("SELECT COUNT(*) FROM health_scores WHERE business_key = ?")
            .param(businessKey)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The account's highest health scored at or after the moment, if any. */
  public Optional<Integer> highestSince(String accountId, OffsetDateTime since) {
    return jdbc.sql("SELECT MAX(health) FROM health_scores WHERE account_id = ? AND scored_at >= ?")
        .params(accountId, since)
        .query(Integer.class)
        .optional();
  }

  /** The account's latest scoring. */
  public Optional<HealthScore> latest(String accountId) {
    return forAccount(accountId, 1).stream().findFirst();
  }

  /** The account's latest scorings, newest first. */
  public List<HealthScore> forAccount(String accountId, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM health_scores WHERE account_id = ? ORDER BY id DESC LIMIT ?")
        .params(accountId, limit)
        .query(this::map)
        .list();
  }

  private HealthScore map(ResultSet rs, int n) throws SQLException {
    return new HealthScore(
        rs.getLong("id"),
        rs.getString("account_id"),
        rs.getObject("scored_at", OffsetDateTime.class),
        rs.getString("stage"),
        rs.getInt("health"),
        rs.getObject("previous_health", Integer.class),
        rs.getObject("churn_probability", Double.class),
        rs.getString("model_version"),
        rs.getString("trigger_source"),
        rs.getString("journey_id"),
        read(rs.getString("contributions")));
  }

  private String write(List<Contribution> contributions) {
    try {
      return json.writeValueAsString(contributions);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise contributions", e);
    }
  }

  private List<Contribution> read(String text) {
    try {
      return json.readValue(text, CONTRIBUTIONS);
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }
}
