package io.expansion.playbook.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** User-task rows: our inbox, keyed by a stable id that survives an engine restart. */
@Repository
public class UserTasks {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  static final String COLUMNS =
      """
      id, name, account_id, journey_id, process_id, element_id, form_id, candidate_groups,
      assignee, status, ready, due_date, follow_up_date, priority, variables, created_at,
      completed_at, engine_key
      """;

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public UserTasks(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A row together with the engine's current key for it. */
  record Stored(UserTask task, long engineKey) {}

  /** What the engine's user-task record says about a task it is creating. */
  record Created(
      long engineKey,
      String journeyId,
      String accountId,
      String processId,
      String elementId,
      String name,
      String formId,
      List<String> candidateGroups,
      String assignee,
      OffsetDateTime dueDate,
      OffsetDateTime followUpDate,
      int priority,
      Map<String, Object> variables) {}

  /**
   * Records a task the engine is creating, not yet ready. A task re-created after a restart keeps
   * its id, assignee, due and follow-up dates (the open row of the same journey and element gets
   * the new engine key); a redelivered job changes nothing.
   *
   * @return the stored task (for a re-created task: as stored before)
   */
  Stored upsertCreated(Created c, OffsetDateTime now) {
    long engineKey = c.engineKey();
    String journeyId = c.journeyId();
    String elementId = c.elementId();
    Map<String, Object> variables = c.variables();
    Optional<Stored> known = findByEngineKey(engineKey);
    if (known.isPresent()) {
      return known.get();
    }
    int reattached =
        jdbc.sql(
                """
                UPDATE user_tasks SET engine_key = :key, variables = :variables, ready = FALSE,
                  process_id = COALESCE(process_id, :process)
                WHERE journey_id = :journey AND element_id = :element AND status = 'OPEN'
                """)
            .param("key", engineKey)
            .param("variables", write(variables))
            .param("process", c.processId())
            .param("journey", journeyId)
            .param("element", elementId)
            .update();
    if (reattached == 0) {
      jdbc.sql(
              """
              INSERT INTO user_tasks (journey_id, account_id, process_id, element_id, name,
                  form_id, candidate_groups, assignee, engine_key, status, due_date,
                  follow_up_date, priority, variables, created_at)
              VALUES (:journey, :account, :process, :element, :name, :form, :groups, :assignee,
                  :key, 'OPEN', :due, :followUp, :priority, :variables, :now)
              """)
          .param("journey", journeyId)
          .param("account", c.accountId())
          .param("process", c.processId())
          .param("element", elementId)
          .param("name", c.name())
          .param("form", c.formId())
          .param("groups", String.join(",", c.candidateGroups()))
          .param("assignee", c.assignee())
          .param("key", engineKey)
          .param("due", c.dueDate())
          .param("followUp", c.followUpDate())
          .param("priority", c.priority())
          .param("variables", write(variables))
          .param("now", now)
          .update();
    }
    return findByEngineKey(engineKey).orElseThrow();
  }

  /** The engine has created the task: it can be completed from now on. */
  void ready(long engineKey) {
    jdbc.sql("UPDATE user_tasks SET ready = TRUE WHERE engine_key = ?").param(engineKey).update();
  }

  Optional<Stored> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM user_tasks WHERE id = ?")
        .param(id)
        .query(this::stored)
        .optional();
  }

  Optional<Stored> findByEngineKey(long engineKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM user_tasks WHERE engine_key = ?")
        .param(engineKey)
        .query(this::stored)
        .optional();
  }

  /** Moves an open task to a final status; false when it was not open any more. */
  boolean close(long id, String status, Map<String, Object> result, OffsetDateTime now) {
    return jdbc.sql(
                """
                UPDATE user_tasks SET status = :status, result = :result, completed_at = :now
                WHERE id = :id AND status = 'OPEN'
                """)
            .param("status", status)
            .param("result", result == null ? null : write(result))
            .param("now", now)
            .param("id", id)
            .update()
        == 1;
  }

  /**
   * Sets the assignee of an open task; false when the task is not open or, without {@code
   * allowOverride}, already assigned to someone else.
   */
  boolean assign(long engineKey, String assignee, boolean allowOverride) {
    return jdbc.sql(
                """
                UPDATE user_tasks SET assignee = :assignee
                WHERE engine_key = :key AND status = 'OPEN'
                  AND (:override = TRUE OR assignee IS NULL OR assignee = :assignee)
                """)
            .param("assignee", assignee)
            .param("key", engineKey)
            .param("override", allowOverride)
            .update()
        == 1;
  }

  /** Clears the assignee of an open task; false when it is not open. */
  boolean unassign(long engineKey) {
    return jdbc.sql(
                "UPDATE user_tasks SET assignee = NULL WHERE engine_key = ? AND status = 'OPEN'")
            .param(engineKey)
            .update()
        == 1;
  }

  void reopen(long id) {
    jdbc.sql(
            "UPDATE user_tasks SET status = 'OPEN', result = NULL, completed_at = NULL WHERE id = ?")
        .param(id)
        .update();
  }

  void cancelByEngineKey(long engineKey, OffsetDateTime now) {
    jdbc.sql(
            """
            UPDATE user_tasks SET status = 'CANCELED', completed_at = ?
            WHERE engine_key = ? AND status = 'OPEN'
            """)
        .params(now, engineKey)
        .update();
  }

  /**
   * Sets the assignee of an open task if it is still {@code expected} ({@code null}: unassigned);
   * false when the task is not open or someone changed the assignee meanwhile.
   */
  boolean assign(long id, String expected, String assignee) {
    return jdbc.sql(
                """
                UPDATE user_tasks SET assignee = :assignee
                WHERE id = :id AND status = 'OPEN' AND COALESCE(assignee, '') = :expected
                """)
            .param("assignee", assignee)
            .param("id", id)
            .param("expected", expected == null ? "" : expected)
            .update()
        == 1;
  }

  public List<UserTask> forAccount(String accountId) {
    return jdbc
        .sql("SELECT " + COLUMNS + " FROM user_tasks WHERE account_id = ? ORDER BY id")
        .param(accountId)
        .query(this::stored)
        .list()
        .stream()
        .map(Stored::task)
        .toList();
  }

  Stored stored(ResultSet rs, int row) throws SQLException {
    String groups = rs.getString("candidate_groups");
    UserTask task =
        new UserTask(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getString("account_id"),
            rs.getString("journey_id"),
            rs.getString("process_id"),
            rs.getString("element_id"),
            rs.getString("form_id"),
            groups == null || groups.isBlank() ? List.of() : Arrays.asList(groups.split(",")),
            rs.getString("assignee"),
            rs.getString("status"),
            rs.getBoolean("ready"),
            rs.getObject("due_date", OffsetDateTime.class),
            rs.getObject("follow_up_date", OffsetDateTime.class),
            rs.getInt("priority"),
            read(rs.getString("variables")),
            rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("completed_at", OffsetDateTime.class));
    return new Stored(task, rs.getLong("engine_key"));
  }

  private String write(Map<String, Object> map) {
    try {
      return json.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Task variables are not serialisable", e);
    }
  }

  private Map<String, Object> read(String text) {
    try {
      return json.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable task variables", e);
    }
  }
}
