package io.expansion.playbook.journeys;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.CreateProcessInstanceCommandStep1.CreateProcessInstanceCommandStep3;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.expansion.playbook.engine.EngineProperties;
import io.expansion.playbook.engine.ModelDeployer.ModelsDeployed;
import io.expansion.playbook.models.ModelVersions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The in-memory engine forgets everything when the process stops; the database does not. After the
 * models are deployed, every journey that was active is created again, on the stored version of its
 * process it started on (deployed again at start-up), at its last checkpoint (create-instance start
 * instructions) with its stored variables, so waiting journeys wait again and open CSM tasks
 * reappear. A real cluster keeps its own state: this bean exists only on the embedded runtime.
 */
@Component
@ConditionalOnProperty(
    name = "expansion.engine.runtime",
    havingValue = EngineProperties.EMBEDDED,
    matchIfMissing = true)
class JourneyRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(JourneyRecovery.class);

  private final Journeys journeys;
  private final JourneyService service;
  private final CamundaClient client;
  private final Clock clock;
  private final ModelVersions versions;

  JourneyRecovery(
      Journeys journeys,
      JourneyService service,
      CamundaClient client,
      Clock clock,
      ModelVersions versions) {
    this.versions = versions;
    this.journeys = journeys;
    this.service = service;
    this.client = client;
    this.clock = clock;
  }

  @EventListener
  @Order(10)
  void onModelsDeployed(ModelsDeployed deployed) {
    journeys.forgetInstanceKeys();
    int resumed = 0;
    int failed = 0;
    for (Journey journey : journeys.allActive()) {
      try {
        resume(journey);
        resumed++;
      } catch (RuntimeException e) {
        failed++;
        LOG.error(
            "Journey {} of account {} could not be resumed at {}: {}",
            journey.id(),
            journey.accountId(),
            journey.checkpointElement(),
            e.getMessage());
      }
    }
    if (resumed + failed > 0) {
      LOG.info("Resumed {} active journeys ({} could not be resumed)", resumed, failed);
    }
  }

  private void resume(Journey journey) {
    var start = client.newCreateInstanceCommand();
    Optional<Long> ownVersion =
        journey.processVersion() == null
            ? Optional.empty()
            : versions.engineKey(journey.processId(), journey.processVersion());
    if (journey.processVersion() != null && ownVersion.isEmpty()) {
      throw new IllegalStateException(
          "version "
              + journey.processVersion()
              + " of "
              + journey.processId()
              + " is not deployed");
    }
    // Journeys from before versions were kept resume on the latest version.
    CreateProcessInstanceCommandStep3 command =
        (ownVersion.isPresent()
                ? start.processDefinitionKey(ownVersion.get())
                : start.bpmnProcessId(journey.processId()).latestVersion())
            .variables(service.variablesOf(journey));
    if (journey.checkpointElement() != null) {
      command = command.startBeforeElement(journey.checkpointElement());
    }
    ProcessInstanceEvent instance = command.send().join();
    journeys.attachInstance(
        journey.id(),
        instance.getProcessInstanceKey(),
        service.versionOf(instance.getProcessDefinitionKey()),
        OffsetDateTime.now(clock));
  }
}
