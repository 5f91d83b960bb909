package io.expansion.playbook.models;

import io.expansion.playbook.engine.EngineProperties;
import io.expansion.playbook.engine.ModelResources.ModelFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What is deployed at start-up. The embedded engine has forgotten every deployment: first every
 * stored version an active journey still uses and the latest stored version of each model are
 * deployed again, in version order, then each file of {@code bpmn/} and {@code forms/} that matches
 * no stored version (a changed file: a new version). A cluster keeps its versions: only the changed
 * files go to it.
 */
@Component
public class StartUpDeployment {

  private static final Logger LOG = LoggerFactory.getLogger(StartUpDeployment.class);

  private final ModelVersions versions;
  private final ModelDeployments deployments;
  private final EngineProperties engine;

  StartUpDeployment(ModelVersions versions, ModelDeployments deployments, EngineProperties engine) {
    this.versions = versions;
    this.deployments = deployments;
    this.engine = engine;
  }

  /**
   * Deploys as above.
   *
   * @return the key of the last deployment, or -1 when nothing had to be deployed
   */
  public long deploy(List<ModelFile> files) {
    List<ModelFile> changed = new ArrayList<>();
    Set<String> changedIds = new TreeSet<>();
    for (ModelFile file : files) {
      String hash = ModelVersions.hash(new String(file.content(), StandardCharsets.UTF_8));
      var stored = versions.withHash(ModelVersion.kindOf(file.name()), hash);
      if (stored.isEmpty()) {
        changed.add(file);
        ModelFacts.resourceId(file)
            .ifPresent(id -> changedIds.add(key(ModelVersion.kindOf(file.name()), id)));
      }
    }
    long deploymentKey = -1;
    if (engine.embedded()) {
      versions.forgetEngineKeys();
      List<List<ModelVersion>> rounds = restoreRounds(changedIds);
      for (List<ModelVersion> round : rounds) {
        deploymentKey = deployments.restore(round);
      }
      LOG.info(
          "Deployed {} stored versions again in {} deployments",
          rounds.stream().mapToInt(List::size).sum(),
          rounds.size());
    }
    if (!changed.isEmpty()) {
      var result = deployments.validateAndDeploy(changed, "system");
      deploymentKey = result.deploymentKey();
      LOG.info(
          "Deployed {} changed files: {}",
          changed.size(),
          result.versions().stream()
              .map(v -> v.resourceId() + " v" + v.version() + (v.created() ? " (new)" : ""))
              .toList());
    }
    return deploymentKey;
  }

  /**
   * Per resource, the versions to deploy again in order: those active journeys use, and the latest
   * stored one unless a changed file supersedes it. Round i holds each resource's i-th.
   */
  private List<List<ModelVersion>> restoreRounds(Set<String> changedIds) {
    Map<String, TreeMap<Integer, ModelVersion>> perResource = new TreeMap<>();
    for (ModelVersion latest : versions.latestOfEach()) {
      String id = key(latest.kind(), latest.resourceId());
      if (!changedIds.contains(id)) {
        perResource.computeIfAbsent(id, k -> new TreeMap<>()).put(latest.version(), latest);
      }
    }
    for (ModelVersions.Used used : versions.usedByActiveJourneys()) {
      versions
          .find(ModelVersion.BPMN, used.processId(), used.version())
          .ifPresent(
              v ->
                  perResource
                      .computeIfAbsent(key(v.kind(), v.resourceId()), k -> new TreeMap<>())
                      .put(v.version(), v));
    }
    List<List<ModelVersion>> rounds = new ArrayList<>();
    for (TreeMap<Integer, ModelVersion> list : perResource.values()) {
      int i = 0;
      for (ModelVersion v : list.values()) {
        if (rounds.size() <= i) {
          rounds.add(new ArrayList<>());
        }
        rounds.get(i++).add(v);
      }
    }
    return rounds;
  }

  private static String key(String kind, String resourceId) {
    return kind + ":" + resourceId;
  }
}
