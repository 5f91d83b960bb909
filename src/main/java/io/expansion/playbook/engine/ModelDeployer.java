package io.expansion.playbook.engine;

import io.expansion.playbook.engine.ModelResources.ModelFile;
import io.expansion.playbook.models.ModelRejectedException;
import io.expansion.playbook.models.StartUpDeployment;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deploys the models at start-up — before the web server accepts requests, through {@link
 * StartUpDeployment} (stored versions journeys still use, then changed files) — then announces
 * {@link ModelsDeployed} so journeys can be resumed. An invalid model stops the start with a
 * message naming the file.
 */
@Component
public class ModelDeployer implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

  private final StartUpDeployment startUp;
  private final ModelResources resources;
  private final ProcessModels processModels;
  private final ApplicationEventPublisher events;
  private volatile boolean running;

  public ModelDeployer(
      StartUpDeployment startUp,
      ModelResources resources,
      ProcessModels processModels,
      ApplicationEventPublisher events) {
    this.startUp = startUp;
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
    files.addAll(resources.forms());
    long deploymentKey;
    try {
      deploymentKey = startUp.deploy(files);
    } catch (ModelRejectedException e) {
      throw new ProcessModels.InvalidModelException(
          "The models cannot be deployed: " + e.getMessage(), e);
    }
    LOG.info("Models deployed: {}", processModels.processIds());
    running = true;
    events.publishEvent(new ModelsDeployed(deploymentKey));
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

  /** Published once the models are deployed; the key is -1 when nothing had to be deployed. */
  public record ModelsDeployed(long deploymentKey) {}
}
