package io.expansion.playbook.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import io.expansion.playbook.engine.EngineProperties;
import io.expansion.playbook.web.ApiException;
import java.util.Map;
import org.agrona.concurrent.UnsafeBuffer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The in-memory engine has no REST API, so the user-task COMPLETE command is appended to its log
 * directly, exactly as the REST gateway of a real cluster would hand it to the broker. There is no
 * Tasklist beside it: the inbox is the task list, so an assignment is the inbox row's.
 */
@Component
@ConditionalOnProperty(
    name = "expansion.engine.runtime",
    havingValue = EngineProperties.EMBEDDED,
    matchIfMissing = true)
class EmbeddedUserTaskCommands implements UserTaskCommands {

  private final EmbeddedZeebeEngine engine;
  private final ObjectMapper json;
  private final UserTasks tasks;

  EmbeddedUserTaskCommands(EmbeddedZeebeEngine engine, ObjectMapper json, UserTasks tasks) {
    this.engine = engine;
    this.json = json;
    this.tasks = tasks;
  }

  @Override
  public void complete(long userTaskKey, Map<String, Object> variables) {
    UserTaskRecord command = new UserTaskRecord();
    command.setUserTaskKey(userTaskKey);
    command.setAction("complete");
    command.setVariables(new UnsafeBuffer(MsgPackConverter.convertToMsgPack(toJson(variables))));
    engine.writeCommand(userTaskKey, ValueType.USER_TASK, UserTaskIntent.COMPLETE, command);
  }

  @Override
  public void assign(long userTaskKey, String assignee, boolean allowOverride) {
    if (!tasks.assign(userTaskKey, assignee, allowOverride)) {
      throw refused(userTaskKey, "assigned to " + assignee);
    }
  }

  @Override
  public void unassign(long userTaskKey) {
    if (!tasks.unassign(userTaskKey)) {
      throw refused(userTaskKey, "unassigned");
    }
  }

  /** Why the row did not change: no such task, not open, or someone else holds it. */
  private ApiException refused(long userTaskKey, String what) {
    return tasks
        .findByEngineKey(userTaskKey)
        .map(
            stored ->
                UserTask.OPEN.equals(stored.task().status())
                    ? ApiException.conflict(
                        "Task "
                            + stored.task().id()
                            + " is assigned to "
                            + stored.task().assignee()
                            + "; set allowOverride to reassign it")
                    : ApiException.conflict(
                        "Task "
                            + stored.task().id()
                            + " is "
                            + stored.task().status().toLowerCase()
                            + " and cannot be "
                            + what))
        .orElseGet(() -> ApiException.notFound("No user task with key " + userTaskKey));
  }

  private String toJson(Map<String, Object> variables) {
    try {
      return json.writeValueAsString(variables == null ? Map.of() : variables);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Task variables are not serialisable", e);
    }
  }
}
