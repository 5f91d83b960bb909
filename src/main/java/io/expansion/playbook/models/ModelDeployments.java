package io.expansion.playbook.models;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import io.expansion.playbook.engine.EngineProperties;
import io.expansion.playbook.engine.ModelResources.ModelFile;
import io.expansion.playbook.engine.ProcessModels;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Deploys files to the engine in one command (the engine takes all or none) and stores each new
 * version; an unchanged file only gets its engine key noted. Used at start-up, by {@code POST
 * /api/models} and by the dev-mode watcher.
 */
@Service
public class ModelDeployments {

  /** Deploying several models on a busy machine can take longer than the default 10 s. */
  private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(2);

  /** A version the deployment produced or found unchanged. */
  public record Deployed(String kind, String resourceId, int version, boolean created) {}

  /** The engine's answer and what was stored. */
  public record Result(long deploymentKey, List<Deployed> versions) {}

  private final CamundaClient client;
  private final ModelVersions versions;
  private final ModelValidator validator;
  private final ProcessModels processModels;
  private final EngineProperties engine;
  private final Clock clock;

  ModelDeployments(
      CamundaClient client,
      ModelVersions versions,
      ModelValidator validator,
      ProcessModels processModels,
      EngineProperties engine,
      Clock clock) {
    this.client = client;
    this.versions = versions;
    this.validator = validator;
    this.processModels = processModels;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Validates the files (with the stored versions for what they link to), deploys them and stores
   * the new versions.
   *
   * @throws ModelRejectedException naming each file, element and problem; nothing deployed
   */
  public synchronized Result validateAndDeploy(List<ModelFile> files, String actor) {
    List<ModelProblem> problems = validator.validate(files);
    if (!problems.isEmpty()) {
      throw new ModelRejectedException(problems);
    }
    return deploy(files, actor);
  }

  /** Deploys already validated or already stored content and stores what is new. */
  synchronized Result deploy(List<ModelFile> files, String actor) {
    DeploymentEvent event = send(files);
    Map<String, String> contentByName = new HashMap<>();
    for (ModelFile file : files) {
      contentByName.put(file.name(), new String(file.content(), StandardCharsets.UTF_8));
    }
    List<Deployed> deployed = new ArrayList<>();
    event
        .getProcesses()
        .forEach(
            p ->
                deployed.add(
                    store(
                        ModelVersion.BPMN,
                        p.getBpmnProcessId(),
                        p.getResourceName(),
                        p.getVersion(),
                        p.getProcessDefinitionKey(),
                        contentByName,
                        actor)));
    event
        .getDecisionRequirements()
        .forEach(
            d ->
                deployed.add(
                    store(
                        ModelVersion.DMN,
                        d.getDmnDecisionRequirementsId(),
                        d.getResourceName(),
                        d.getVersion(),
                        d.getDecisionRequirementsKey(),
                        contentByName,
                        actor)));
    event
        .getForm()
        .forEach(
            f ->
                deployed.add(
                    store(
                        ModelVersion.FORM,
                        f.getFormId(),
                        f.getResourceName(),
                        f.getVersion(),
                        f.getFormKey(),
                        contentByName,
                        actor)));
    for (ModelFile file : files) {
      if (file.name().endsWith(".bpmn")) {
        processModels.register(file.name(), file.content());
      }
    }
    return new Result(event.getKey(), deployed);
  }

  /**
   * Deploys stored versions again (a fresh embedded engine), one version per resource in one
   * command, and notes the engine keys they got.
   */
  synchronized long restore(List<ModelVersion> stored) {
    List<ModelFile> files =
        stored.stream()
            .map(v -> new ModelFile(v.resourceName(), v.content().getBytes(StandardCharsets.UTF_8)))
            .toList();
    DeploymentEvent event = send(files);
    Map<String, ModelVersion> byName = new HashMap<>();
    stored.forEach(v -> byName.put(v.resourceName(), v));
    event
        .getProcesses()
        .forEach(p -> attach(byName.get(p.getResourceName()), p.getProcessDefinitionKey()));
    event
        .getDecisionRequirements()
        .forEach(d -> attach(byName.get(d.getResourceName()), d.getDecisionRequirementsKey()));
    event.getForm().forEach(f -> attach(byName.get(f.getResourceName()), f.getFormKey()));
    files.stream()
        .filter(f -> f.name().endsWith(".bpmn"))
        .forEach(f -> processModels.register(f.name(), f.content()));
    return event.getKey();
  }

  private void attach(ModelVersion v, long engineKey) {
    versions.attachEngineKey(v.kind(), v.resourceId(), v.version(), engineKey);
  }

  private DeploymentEvent send(List<ModelFile> files) {
    DeployResourceCommandStep2 step = null;
    for (ModelFile file : files) {
      step =
          step == null
              ? client.newDeployResourceCommand().addResourceBytes(file.content(), file.name())
              : step.addResourceBytes(file.content(), file.name());
    }
    if (step == null) {
      throw new IllegalArgumentException("Nothing to deploy");
    }
    try {
      return step.requestTimeout(DEPLOY_TIMEOUT).send().join();
    } catch (RuntimeException e) {
      String names = String.join(", ", files.stream().map(ModelFile::name).toList());
      throw new ModelRejectedException(
          List.of(new ModelProblem(names, null, "the engine refused it: " + e.getMessage())), e);
    }
  }

  private Deployed store(
      String kind,
      String resourceId,
      String resourceName,
      int engineVersion,
      long engineKey,
      Map<String, String> contentByName,
      String actor) {
    String content = contentByName.get(resourceName);
    if (content == null) {
      throw new IllegalStateException("The engine deployed an unknown resource " + resourceName);
    }
    String hash = ModelVersions.hash(content);
    var latest = versions.latest(kind, resourceId);
    if (latest.isPresent() && latest.get().hash().equals(hash)) {
      versions.attachEngineKey(kind, resourceId, latest.get().version(), engineKey);
      return new Deployed(kind, resourceId, latest.get().version(), false);
    }
    int next = latest.map(v -> v.version() + 1).orElse(1);
    // On a cluster the stored number is the cluster's own (it keeps its versions).
    int version = engine.embedded() ? next : Math.max(next, engineVersion);
    versions.insert(
        new ModelVersion(
            kind,
            resourceId,
            version,
            resourceName,
            content,
            hash,
            OffsetDateTime.now(clock),
            actor,
            engineKey));
    return new Deployed(kind, resourceId, version, true);
  }
}
