package io.expansion.playbook.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import io.expansion.playbook.engine.ModelResources.ModelFile;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deploys every BPMN, DMN and form at start-up — before the web server accepts requests — then
 * announces {@link ModelsDeployed} so journeys can be resumed. An invalid model stops the start
 * with a message naming the file.
 */
@Component
public class ModelDeployer implements SmartLifecycle {

  private static final java.time.Duration DEPLOY_TIMEOUT = java.time.Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

  private final CamundaClient client;
  private final ModelResources resources;
  private final ProcessModels processModels;
  private final ApplicationEventPublisher events;
  private volatile boolean running;

  public ModelDeployer(
      CamundaClient client,
      ModelResources resources,
      ProcessModels processModels,
      ApplicationEventPublisher events) {
    this.client = client;
    this.resources = resources;
    this.processModels = processModels;
    this.events = events;
  }

  @Override
  public void start() {
    List<ModelFile> files = new ArrayList<>(resources.models());
    if (files.stream().noneMatch(f -> f.name().endsWith(".bpmn"))) {
      throw new IllegalStateException("No BPMN models found to deploy");
    }
    for (ModelFile file : files) {
      if (file.name().endsWith(".bpmn")) {
        processModels.register(file.name(), file.content());
      }
    }
    files.addAll(resources.forms());
    DeployResourceCommandStep1 command = client.newDeployResourceCommand();
    DeployResourceCommandStep2 step = null;
    for (ModelFile file : files) {
      step =
          step == null
              ? command.addResourceBytes(file.content(), file.name())
              : step.addResourceBytes(file.content(), file.name());
    }
    DeploymentEvent deployment;
    try {
      // Deploying several models on a busy machine can take longer than the default 10 s.
      deployment = step.requestTimeout(DEPLOY_TIMEOUT).send().join();
    } catch (RuntimeException e) {
      throw new ProcessModels.InvalidModelException(
          "The engine rejected the deployment of "
              + files.stream().map(ModelFile::name).toList()
              + ": "
              + e.getMessage(),
          e);
    }
    LOG.info(
        "Deployed {} processes, {} decisions and {} forms",
        deployment.getProcesses().size(),
        deployment.getDecisions().size(),
        deployment.getForm().size());
    running = true;
    events.publishEvent(new ModelsDeployed(deployment.getKey()));
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server (which starts at DEFAULT_PHASE - 1024) so no request races it. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  /** Published once the models are deployed. */
  public record ModelsDeployed(long deploymentKey) {}
}
