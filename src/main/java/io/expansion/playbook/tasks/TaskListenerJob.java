package io.expansion.playbook.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.UserTaskProperties;
import java.util.List;
import java.util.Map;

/**
 * The user task behind a task-listener job. Gateways that fill the job's user-task properties are
 * read directly; otherwise the engine's {@code io.camunda.zeebe:*} job headers carry the same data
 * (the in-memory engine's gateway maps only those).
 */
record TaskListenerJob(long userTaskKey, List<String> candidateGroups, String assignee) {

  static final String HEADER_PREFIX = "io.camunda.zeebe:";
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  static TaskListenerJob of(ActivatedJob job, ObjectMapper json) {
    UserTaskProperties properties = job.getUserTask();
    if (properties != null && properties.getUserTaskKey() != null) {
      return new TaskListenerJob(
          properties.getUserTaskKey(),
          properties.getCandidateGroups() == null ? List.of() : properties.getCandidateGroups(),
          blankToNull(properties.getAssignee()));
    }
    Map<String, String> headers = job.getCustomHeaders();
    String key = headers.get(HEADER_PREFIX + "userTaskKey");
    if (key == null) {
      throw new IllegalStateException(
          "Job of "
              + job.getElementId()
              + " carries no user task: the worker must be a task listener of a user task");
    }
    return new TaskListenerJob(
        Long.parseLong(key),
        list(headers.get(HEADER_PREFIX + "candidateGroups"), json),
        blankToNull(headers.get(HEADER_PREFIX + "assignee")));
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
