package io.expansion.playbook.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import io.expansion.playbook.engine.EngineProperties;
import java.util.Map;
import org.agrona.concurrent.UnsafeBuffer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The in-memory engine has no REST API, so the user-task COMPLETE, ASSIGN and CLAIM commands are
 * appended to its log directly, as the REST gateway of a real cluster hands them to the broker (an
 * assignment that may override someone else's is an ASSIGN, one that may not a CLAIM; unassigning
 * is an ASSIGN to nobody). The engine answers nothing here: the inbox has decided already.
 */
@Component
@ConditionalOnProperty(
    name = "expansion.engine.runtime",
    havingValue = EngineProperties.EMBEDDED,
    matchIfMissing = true)
class EmbeddedUserTaskCommands implements UserTaskCommands {

  private final EmbeddedZeebeEngine engine;
  private final ObjectMapper json;

  EmbeddedUserTaskCommands(EmbeddedZeebeEngine engine, ObjectMapper json) {
    this.engine = engine;
    this.json = json;
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
    UserTaskRecord command = new UserTaskRecord();
    command.setUserTaskKey(userTaskKey);
    command.setAssignee(assignee);
    command.setAction(allowOverride ? "assign" : "claim");
    engine.writeCommand(
        userTaskKey,
        ValueType.USER_TASK,
        allowOverride ? UserTaskIntent.ASSIGN : UserTaskIntent.CLAIM,
        command);
  }

  @Override
  public void unassign(long userTaskKey) {
    UserTaskRecord command = new UserTaskRecord();
    command.setUserTaskKey(userTaskKey);
    command.setAssignee("");
    command.setAction("unassign");
    engine.writeCommand(userTaskKey, ValueType.USER_TASK, UserTaskIntent.ASSIGN, command);
  }

  private String toJson(Map<String, Object> variables) {
    try {
      return json.writeValueAsString(variables == null ? Map.of() : variables);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Task variables are not serialisable", e);
    }
  }
}
