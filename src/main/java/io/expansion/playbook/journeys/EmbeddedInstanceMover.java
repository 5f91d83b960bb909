package io.expansion.playbook.journeys;

import io.camunda.client.CamundaClient;
import io.expansion.playbook.engine.EngineProperties;
import io.expansion.playbook.tasks.TaskMoves;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On the embedded engine a journey moves as it resumes after a restart: its instance is cancelled
 * and a new instance of the target version is created at the mapped element with the journey's
 * variables. Its open CSM task is detached first and taken over, under its id, by the task the new
 * instance creates. When the target refuses the element, the journey is created again where it was,
 * on its own version.
 */
@Component
@ConditionalOnProperty(
    name = "expansion.engine.runtime",
    havingValue = EngineProperties.EMBEDDED,
    matchIfMissing = true)
class EmbeddedInstanceMover implements InstanceMover {

  private final CamundaClient client;
  private final TaskMoves tasks;

  EmbeddedInstanceMover(CamundaClient client, TaskMoves tasks) {
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
    List<TaskMoves.Detached> detached = tasks.detach(journey.id(), fromElement, toElement);
    if (journey.processInstanceKey() != null) {
      try {
        client.newCancelInstanceCommand(journey.processInstanceKey()).send().join();
      } catch (RuntimeException e) {
        tasks.restore(detached);
        throw new MoveFailedException(journey.processInstanceKey(), e);
      }
    }
    try {
      return create(targetDefinitionKey, toElement, variables);
    } catch (RuntimeException e) {
      // Back where it was, as after a restart: the open task is taken over again.
      tasks.moveDetached(detached, fromElement);
      throw new MoveFailedException(create(sourceDefinitionKey, fromElement, variables), e);
    }
  }

  private long create(long definitionKey, String element, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .processDefinitionKey(definitionKey)
        .variables(variables)
        .startBeforeElement(element)
        .send()
        .join()
        .getProcessInstanceKey();
  }
}
