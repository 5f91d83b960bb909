package io.expansion.playbook.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.UserTaskProperties;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The user task behind a task-listener job, as the engine's user-task record has it. Gateways that
 * fill the job's user-task properties are read directly; otherwise the engine's {@code
 * io.camunda.zeebe:*} job headers carry the same data (the in-memory engine's gateway maps only
 * those).
 *
 * @param dueDate from {@code zeebe:taskSchedule}, or {@code null}
 * @param followUpDate from {@code zeebe:taskSchedule}, or {@code null}
 * @param priority from {@code zeebe:priorityDefinition} (the engine's default is 50)
 */
record TaskListenerJob(
    long userTaskKey,
    List<String> candidateGroups,
    String assignee,
    OffsetDateTime dueDate,
    OffsetDateTime followUpDate,
    int priority) {

  static final String HEADER_PREFIX = "io.camunda.zeebe:";
  static final int DEFAULT_PRIORITY = 50;
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  static TaskListenerJob of(ActivatedJob job, ObjectMapper json) {
    UserTaskProperties properties = job.getUserTask();
    if (properties != null && properties.getUserTaskKey() != null) {
      return new TaskListenerJob(
          properties.getUserTaskKey(),
          properties.getCandidateGroups() == null ? List.of() : properties.getCandidateGroups(),
          blankToNull(properties.getAssignee()),
          properties.getDueDate(),
          properties.getFollowUpDate(),
          properties.getPriority() == null ? DEFAULT_PRIORITY : properties.getPriority());
    }
    Map<String, String> headers = job.getCustomHeaders();
    String key = headers.get(HEADER_PREFIX + "userTaskKey");
    if (key == null) {
      throw new IllegalStateException(
          "Job of "
              + job.getElementId()
              + " carries no user task: the worker must be a task listener of a user task");
    }
    String priority = headers.get(HEADER_PREFIX + "priority");
    return new TaskListenerJob(
        Long.parseLong(key),
        list(headers.get(HEADER_PREFIX + "candidateGroups"), json),
        blankToNull(headers.get(HEADER_PREFIX + "assignee")),
        date(headers.get(HEADER_PREFIX + "dueDate")),
        date(headers.get(HEADER_PREFIX + "followUpDate")),
        priority == null || priority.isBlank() ? DEFAULT_PRIORITY : Integer.parseInt(priority));
  }

  /** The engine writes dates as ISO 8601, with an offset and possibly a zone id. */
  static OffsetDateTime date(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value).toOffsetDateTime();
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(value);
    }
  }

  private static List<String> list(String value, ObjectMapper json) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    try {
      return json.readValue(value, LIST);
    } catch (JsonProcessingException e) {
      return List.of(value.split(","));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
