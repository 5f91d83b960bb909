package io.expansion.playbook.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The experiments table. */
@Repository
class Experiments {

  private static final TypeReference<List<Arm>> ARMS = new TypeReference<>() {};
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};
  private static final String COLUMNS =
      "experiment_key, hypothesis, play, step, salt, arms, primary_metric, window_days,"
          + " guardrails, starts_at, ends_at, status, created_at, created_by, stopped_at,"
          + " stopped_by";

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  Experiments(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(Experiment e) {
    jdbc.sql(
            "INSERT INTO experiments ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            e.key(),
            e.hypothesis(),
            e.play(),
            e.step(),
            e.salt(),
            write(e.arms()),
            e.primaryMetric(),
            e.windowDays(),
            write(e.guardrails()),
            e.startsAt(),
            e.endsAt(),
            e.status(),
            e.createdAt(),
            e.createdBy(),
            e.stoppedAt(),
            e.stoppedBy())
        .update();
  }

  /** Moves a running experiment to STOPPED; false when it was not running. */
  boolean stop(String key, OffsetDateTime at, String by) {
    return jdbc.sql(
                "UPDATE experiments SET status = 'STOPPED', stopped_at = ?, stopped_by = ?"
                    + " WHERE experiment_key = ? AND status = 'RUNNING'")
            .params(at, by, key)
            .update()
        == 1;
  }

  Optional<Experiment> find(String key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM experiments WHERE experiment_key = ?")
        .param(key)
        .query(this::map)
        .optional();
  }

  List<Experiment> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM experiments ORDER BY starts_at, experiment_key")
        .query(this::map)
        .list();
  }

  /** Running experiments on the play (their period is checked by the caller). */
  List<Experiment> running(String play) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM experiments WHERE play = ? AND status = 'RUNNING' ORDER BY experiment_key")
        .param(play)
        .query(this::map)
        .list();
  }

  private Experiment map(ResultSet rs, int row) throws SQLException {
    return new Experiment(
        rs.getString("experiment_key"),
        rs.getString("hypothesis"),
        rs.getString("play"),
        rs.getString("step"),
        rs.getString("salt"),
        read(rs.getString("arms"), ARMS),
        rs.getString("primary_metric"),
        rs.getInt("window_days"),
        read(rs.getString("guardrails"), NAMES),
        rs.getObject("starts_at", OffsetDateTime.class),
        rs.getObject("ends_at", OffsetDateTime.class),
        rs.getString("status"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getString("created_by"),
        rs.getObject("stopped_at", OffsetDateTime.class),
        rs.getString("stopped_by"));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable experiment column: " + text, e);
    }
  }
}
