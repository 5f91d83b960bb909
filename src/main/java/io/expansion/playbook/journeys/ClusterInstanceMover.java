package io.expansion.playbook.journeys;

import io.camunda.client.CamundaClient;
import io.expansion.playbook.engine.EngineProperties;
import io.expansion.playbook.tasks.TaskMoves;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On a cluster a journey moves with Zeebe's process-instance migration: the instance, its variables
 * and its user tasks (keys included) stay; only the inbox rows follow the new element.
 */
@Component
@ConditionalOnProperty(name = "expansion.engine.runtime", havingValue = EngineProperties.CAMUNDA)
class ClusterInstanceMover implements InstanceMover {

  private final CamundaClient client;
  private final TaskMoves tasks;

  ClusterInstanceMover(CamundaClient client, TaskMoves tasks) {
    this.client = client;
    this.tasks = tasks;
  }

  @Override
  public long move(
      Journey journey,
      long sourceDefinitionKey,
      long targetDefinitionKey,
      String fromElement,
      String toElement,
      Map<String, Object> variables) {
    if (journey.processInstanceKey() == null) {
      throw new IllegalStateException("the journey has no process instance on the cluster");
    }
    try {
      client
          .newMigrateProcessInstanceCommand(journey.processInstanceKey())
          .migrationPlan(targetDefinitionKey)
          .addMappingInstruction(fromElement, toElement)
          .send()
          .join();
    } catch (RuntimeException e) {
      // The cluster refuses a migration as a whole: the instance stays on its version.
      throw new MoveFailedException(journey.processInstanceKey(), e);
    }
    tasks.rename(journey.id(), fromElement, toElement);
    return journey.processInstanceKey();
  }
}
