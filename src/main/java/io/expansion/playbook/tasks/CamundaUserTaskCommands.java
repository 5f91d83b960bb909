package io.expansion.playbook.tasks;

import io.camunda.client.CamundaClient;
import io.expansion.playbook.engine.EngineProperties;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** On a real cluster the client completes and assigns user tasks through the REST API. */
@Component
@ConditionalOnProperty(name = "expansion.engine.runtime", havingValue = EngineProperties.CAMUNDA)
class CamundaUserTaskCommands implements UserTaskCommands {

  private final CamundaClient client;

  CamundaUserTaskCommands(CamundaClient client) {
    this.client = client;
  }

  @Override
  public void complete(long userTaskKey, Map<String, Object> variables) {
    client.newCompleteUserTaskCommand(userTaskKey).variables(variables).send().join();
  }

  @Override
  public void assign(long userTaskKey, String assignee, boolean allowOverride) {
    client
        .newAssignUserTaskCommand(userTaskKey)
        .assignee(assignee)
        .allowOverride(allowOverride)
        .send()
        .join();
  }

  @Override
  public void unassign(long userTaskKey) {
    client.newUnassignUserTaskCommand(userTaskKey).send().join();
  }
}
