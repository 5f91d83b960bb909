package io.expansion.playbook.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.expansion.playbook.engine.ModelResources;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.Journeys;
import io.expansion.playbook.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The steps the contract tests are made of: journeys, cluster jobs, inbox rows, recorded calls. */
final class ContractFixtures {

  static final Duration WAIT = Duration.ofSeconds(20);

  private final TestRestTemplate http;
  private final Fixtures fixtures;
  private final Journeys journeys;
  private final JdbcClient jdbc;
  private final ModelResources models;
  private final ObjectMapper json = new ObjectMapper();
  private final ClusterState cluster;
  private final RestApiStub rest;

  ContractFixtures(
      TestRestTemplate http,
      Fixtures fixtures,
      Journeys journeys,
      JdbcClient jdbc,
      ModelResources models,
      ClusterState cluster,
      RestApiStub rest) {
    this.http = http;
    this.fixtures = fixtures;
    this.journeys = journeys;
    this.jdbc = jdbc;
    this.models = models;
    this.cluster = cluster;
    this.rest = rest;
  }

  record Started(String account, String journeyId, long instanceKey) {}

  String healthyAccount() {
    return fixtures.healthyAccount(Fixtures.allChannels(true));
  }

  Started startJourney() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    JsonNode accepted = signal(account, "intent", Map.of("topic", "pricing_page"));
    String journeyId = accepted.path("journeyId").asText();
    return new Started(
        account, journeyId, journeys.find(journeyId).orElseThrow().processInstanceKey());
  }

  Map<String, Object> variables(Started s) {
    return Map.of("journeyId", s.journeyId(), "accountId", s.account(), "loop", 0);
  }

  ObjectNode creatingListenerJob(Started started, long taskKey, String assignee) {
    ObjectNode job =
        cluster.job(
            "user-task-created",
            started.instanceKey(),
            ExpansionJourney.CSM_OUTREACH,
            variables(started));
    job.put("kind", "TASK_LISTENER").put("listenerEventType", "CREATING");
    ObjectNode userTask = job.putObject("userTask");
    userTask.put("action", "");
    if (assignee != null) {
      userTask.put("assignee", assignee);
    }
    userTask.putArray("candidateGroups").add("csm");
    userTask.putArray("candidateUsers");
    userTask.putArray("changedAttributes");
    userTask.put("formKey", String.valueOf(cluster.nextKey()));
    userTask.put("priority", 50);
    userTask.put("userTaskKey", String.valueOf(taskKey));
    return job;
  }

  ActivatedJob.Builder grpcJob(String type, long key, Started s, String elementId) {
    return ActivatedJob.newBuilder()
        .setKey(key)
        .setType(type)
        .setProcessInstanceKey(s.instanceKey())
        .setBpmnProcessId(ExpansionJourney.PROCESS_ID)
        .setProcessDefinitionVersion(1)
        .setProcessDefinitionKey(ClusterState.PROCESS_DEFINITION_KEY)
        .setElementId(elementId)
        .setElementInstanceKey(cluster.nextKey())
        .setCustomHeaders("{}")
        .setWorker("stream")
        .setRetries(3)
        .setDeadline(System.currentTimeMillis() + 300_000)
        .setTenantId(ClusterState.TENANT)
        .setKind(ActivatedJob.JobKind.EXECUTION_LISTENER)
        .setListenerEventType(ActivatedJob.ListenerEventType.START);
  }

  String variablesJson(Started s) {
    try {
      return json.writeValueAsString(variables(s));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode signal(String account, String type, Map<String, Object> attributes) {
    ResponseEntity<String> response =
        http.withBasicAuth("integration", "demo")
            .postForEntity(
                "/api/signals",
                Map.of("accountId", account, "type", type, "attributes", attributes),
                String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    // signals are queued and routed a moment later: the contract is about the routing's calls
    long id = read(response.getBody()).path("id").asLong();
    return org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .pollInSameThread()
        .until(
            () ->
                read(
                    http.withBasicAuth("integration", "demo")
                        .getForObject("/api/signals/" + id, String.class)),
            signal -> !"QUEUED".equals(signal.path("routing").asText()));
  }

  private JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  ResponseEntity<String> post(String path, Object body) {
    return http.postForEntity(path, body, String.class);
  }

  RestApiStub.Exchange createdFor(String account) {
    return rest.calls("createProcessInstance").stream()
        .filter(e -> account.equals(e.json().path("variables").path("accountId").asText()))
        .findFirst()
        .orElseThrow();
  }

  JsonNode lastBody(String operation) {
    return rest.calls(operation).getLast().json();
  }

  List<String> completedJobs() {
    return rest.calls("completeJob").stream().map(e -> e.pathVariables().get("jobKey")).toList();
  }

  long awaitInboxTask(String account, String elementId) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql(
                        "SELECT id FROM user_tasks WHERE account_id = ? AND element_id = ?"
                            + " AND ready = TRUE")
                    .params(account, elementId)
                    .query(Long.class)
                    .optional(),
            Optional::isPresent)
        .orElseThrow();
  }

  String assignee(long id) {
    return jdbc.sql("SELECT assignee FROM user_tasks WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  String status(long id) {
    return jdbc.sql("SELECT status FROM user_tasks WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  String formSchema(String formId) {
    return new String(
        models.forms().stream()
            .filter(f -> f.name().equals(formId + ".form"))
            .findFirst()
            .orElseThrow()
            .content(),
        StandardCharsets.UTF_8);
  }
}
