package io.expansion.playbook.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.engine.ModelResources;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.Journeys;
import io.expansion.playbook.models.ModelVersion;
import io.expansion.playbook.models.ModelVersions;
import io.expansion.playbook.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestConstructor;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Playbook versions on a cluster: an upload is deployed through the REST API and stored with the
 * cluster's definition key, and a migration is Zeebe's process-instance migration command with the
 * mapped element, the instance keeping its key.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class CamundaModelsContractTest extends CamundaRuntimeTestBase {

  static final Set<String> OPERATIONS = Set.of("migrateProcessInstance");
  private static final String RENAMED = "Task_AwaitAccountSignal";

  private final TestRestTemplate ops;
  private final ContractFixtures fx;
  private final Journeys journeys;
  private final ModelVersions versions;
  private final JdbcClient jdbc;
  private final ObjectMapper json = new ObjectMapper();

  CamundaModelsContractTest(
      TestRestTemplate http,
      Accounts accounts,
      JdbcClient jdbc,
      Journeys journeys,
      ModelResources models,
      ModelVersions versions) {
    this.ops = http.withBasicAuth("ops", "demo");
    this.fx =
        new ContractFixtures(
            http.withBasicAuth("manager", "demo"),
            new Fixtures(accounts, jdbc),
            journeys,
            jdbc,
            models,
            CLUSTER,
            REST);
    this.journeys = journeys;
    this.versions = versions;
    this.jdbc = jdbc;
  }

  @AfterEach
  void keptToTheContract() {
    assertThat(REST.violations).as("REST requests against the spec").isEmpty();
    assertThat(GRPC.violations).as("gRPC calls").isEmpty();
  }

  @Test
  void anUploadIsDeployedToTheClusterAndAJourneyMigratesByCommand() throws Exception {
    int before = versions.versions(ExpansionJourney.PROCESS_ID).size();
    String renamed =
        Files.readString(Path.of("bpmn", ExpansionJourney.PROCESS_ID + ".bpmn"))
            .replace(ExpansionJourney.AWAIT_SIGNAL + "\"", RENAMED + "\"");
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add(
        "files",
        new ByteArrayResource(renamed.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public String getFilename() {
            return "expansion-journey.bpmn";
          }
        });
    ResponseEntity<String> deployed =
        ops.postForEntity("/api/models", new HttpEntity<>(parts), String.class);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(ClusterState.fileNames(REST.calls("createDeployment").getLast().body()))
        .containsExactly("expansion-journey.bpmn");
    ModelVersion latest =
        versions.latest(ModelVersion.BPMN, ExpansionJourney.PROCESS_ID).orElseThrow();
    assertThat(latest.version()).isEqualTo(before + 1);
    assertThat(latest.engineKey()).isNotNull();

    ContractFixtures.Started started = fx.startJourney();
    // the journey waits at its checkpoint on the earlier version (the stub's instance has a key
    // the app did not deploy; the checkpoint job itself is CamundaRuntimeContractTest's)
    jdbc.sql(
            "UPDATE journeys SET process_version = ?, current_element = ?, checkpoint_element = ?"
                + " WHERE id = ?")
        .params(
            before,
            ExpansionJourney.AWAIT_SIGNAL,
            ExpansionJourney.AWAIT_SIGNAL,
            started.journeyId())
        .update();
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("processId", ExpansionJourney.PROCESS_ID);
    request.put("fromVersion", before);
    request.put("toVersion", latest.version());
    request.put("mappings", Map.of(ExpansionJourney.AWAIT_SIGNAL, RENAMED));
    request.put("dryRun", false);
    JsonNode report =
        json.readTree(ops.postForObject("/api/journeys/migrations", request, String.class));

    assertThat(report.path("moved").findValuesAsText("journeyId"))
        .containsExactly(started.journeyId());
    RestApiStub.Exchange migration = REST.calls("migrateProcessInstance").getLast();
    assertThat(migration.pathVariables())
        .containsEntry("processInstanceKey", String.valueOf(started.instanceKey()));
    assertThat(migration.json().path("targetProcessDefinitionKey").asText())
        .isEqualTo(String.valueOf(latest.engineKey()));
    JsonNode mapping = migration.json().path("mappingInstructions");
    assertThat(
            List.of(
                mapping.get(0).path("sourceElementId").asText(),
                mapping.get(0).path("targetElementId").asText()))
        .containsExactly(ExpansionJourney.AWAIT_SIGNAL, RENAMED);
    Journey moved = journeys.find(started.journeyId()).orElseThrow();
    assertThat(moved.processInstanceKey()).isEqualTo(started.instanceKey());
    assertThat(moved.processVersion()).isEqualTo(latest.version());
    assertThat(moved.checkpointElement()).isEqualTo(RENAMED);
  }
}
