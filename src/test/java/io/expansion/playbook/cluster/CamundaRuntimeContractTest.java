package io.expansion.playbook.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.engine.ModelResources;
import io.expansion.playbook.journeys.ElementStatistics;
import io.expansion.playbook.journeys.ElementStatisticsSource;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.journeys.Journeys;
import io.expansion.playbook.support.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestConstructor;

/**
 * Every call the {@code camunda} runtime makes, through the real Java client, checked by the stubs
 * against the Orchestration Cluster API (see {@link OrchestrationApi}), and the fields the app
 * reads from the answers: deployment, journeys started and signalled, user tasks created by the
 * cluster and worked from the inbox (claim, conflict, unassign, form, complete), Tasklist changes
 * taken over, element statistics, workers streaming over gRPC and reporting failures, cancellation.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CamundaRuntimeContractTest extends CamundaRuntimeTestBase {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final TestRestTemplate http;
  private final Fixtures fixtures;
  private final Journeys journeys;
  private final JourneyService journeyService;
  private final JdbcClient jdbc;
  private final ModelResources models;
  private final ElementStatisticsSource statistics;
  private final ObjectMapper json = new ObjectMapper();

  CamundaRuntimeContractTest(
      TestRestTemplate http,
      Accounts accounts,
      JdbcClient jdbc,
      Journeys journeys,
      JourneyService journeyService,
      ModelResources models,
      ElementStatisticsSource statistics) {
    this.http = http.withBasicAuth("manager", "demo");
    this.fixtures = new Fixtures(accounts, jdbc);
    this.jdbc = jdbc;
    this.journeys = journeys;
    this.journeyService = journeyService;
    this.models = models;
    this.statistics = statistics;
  }

  @AfterEach
  void keptToTheContract() {
    assertThat(REST.violations).as("REST requests against the spec").isEmpty();
    assertThat(GRPC.violations).as("gRPC calls").isEmpty();
  }

  @Test
  @Order(1)
  void deploysEveryModelAndFormAtStartUpWithTheClientCredentialsToken() {
    List<String> files =
        Stream.concat(models.models().stream(), models.forms().stream())
            .map(ModelResources.ModelFile::name)
            .toList();
    assertThat(REST.calls("createDeployment")).hasSize(1);
    assertThat(ClusterState.fileNames(REST.calls("createDeployment").get(0).body()))
        .containsExactlyInAnyOrderElementsOf(files);
    assertThat(REST.tokenRequests)
        .isNotEmpty()
        .allSatisfy(
            form ->
                assertThat(form)
                    .containsEntry("grant_type", "client_credentials")
                    .containsEntry("client_id", "expansion-app")
                    .containsEntry("client_secret", "contract-secret")
                    .containsEntry("audience", "orchestration-api"));
  }

  @Test
  @Order(2)
  void aSignalStartsAJourneyAndTheNextOneReachesItAsAMessage() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    JsonNode first = signal(account, "intent", Map.of("topic", "pricing_page"));
    assertThat(first.path("routing").asText()).isEqualTo("STARTED_JOURNEY");
    RestApiStub.Exchange create = createdFor(account);
    assertThat(create.json().path("processDefinitionId").asText())
        .isEqualTo(ExpansionJourney.PROCESS_ID);
    assertThat(create.json().path("variables").path("journeyId").asText())
        .isEqualTo(first.path("journeyId").asText());
    Journey journey = journeys.find(first.path("journeyId").asText()).orElseThrow();
    assertThat(journey.processInstanceKey()).isNotNull().isPositive();

    JsonNode second = signal(account, "intent", Map.of("topic", "expansion_inquiry"));
    assertThat(second.path("routing").asText()).isEqualTo("DELIVERED_TO_JOURNEY");
    JsonNode message =
        REST.calls("publishMessage").stream()
            .map(RestApiStub.Exchange::json)
            .filter(m -> account.equals(m.path("correlationKey").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(message.path("name").asText()).isEqualTo(ExpansionJourney.SIGNAL_MESSAGE);
    assertThat(message.path("messageId").asText())
        .isEqualTo("signal-" + second.path("id").asLong());
    assertThat(message.path("timeToLive").asLong()).isEqualTo(60_000);
    assertThat(message.path("variables").path("signal").path("type").asText()).isEqualTo("intent");
  }

  @Test
  @Order(3)
  void aUserTaskCreatedByTheClusterIsClaimedUnassignedShownAndCompletedFromTheInbox()
      throws Exception {
    Started started = startJourney();
    long taskKey = CLUSTER.nextKey();
    CLUSTER.userTask(taskKey, started.instanceKey(), ExpansionJourney.CSM_OUTREACH, "csm-01");
    CLUSTER.formSchemas.put(taskKey, formSchema("csm-outreach"));
    ObjectNode job = creatingListenerJob(started, taskKey, "csm-01");
    CLUSTER.offerJob(job);

    long id = awaitInboxTask(started.account(), ExpansionJourney.CSM_OUTREACH);
    assertThat(completedJobs()).contains(job.get("jobKey").asText());
    assertThat(assignee(id)).isEqualTo("csm-01");

    // Claimed by another CSM, handing it over explicitly
    assertThat(
            post(
                    "/api/tasks/" + id + "/assignment",
                    Map.of("assignee", "csm-02", "allowOverride", true))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    JsonNode assigned = lastBody("assignUserTask");
    assertThat(assigned.path("assignee").asText()).isEqualTo("csm-02");
    assertThat(assigned.path("allowOverride").asBoolean()).isTrue();
    assertThat(assignee(id)).isEqualTo("csm-02");

    // Without allowOverride the cluster refuses: the inbox says so and keeps the assignee
    ResponseEntity<String> refused =
        post("/api/tasks/" + id + "/assignment", Map.of("assignee", "csm-03"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody()).contains("assigned to 'csm-02'");
    assertThat(lastBody("assignUserTask").path("allowOverride").asBoolean(true)).isFalse();
    assertThat(assignee(id)).isEqualTo("csm-02");

    // Back to the candidate groups
    assertThat(
            http.exchange("/api/tasks/" + id + "/assignee", HttpMethod.DELETE, null, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(REST.calls("unassignUserTask")).isNotEmpty();
    assertThat(assignee(id)).isNull();

    // The form comes from the cluster (the one Tasklist renders)
    JsonNode form = json.readTree(http.getForObject("/api/tasks/" + id + "/form", String.class));
    assertThat(form.path("id").asText()).isEqualTo("csm-outreach");
    assertThat(REST.calls("getUserTaskForm").get(0).pathVariables())
        .containsEntry("userTaskKey", String.valueOf(taskKey));

    ResponseEntity<String> completed =
        post(
            "/api/tasks/" + id + "/complete",
            Map.of("variables", Map.of("outreachResult", "interested")));
    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode completion = lastBody("completeUserTask");
    assertThat(completion.path("variables").path("outreachResult").asText())
        .isEqualTo("interested");
    assertThat(status(id)).isEqualTo("COMPLETED");
  }

  @Test
  @Order(4)
  void claimsAndCompletionsInTasklistReachTheInbox() {
    Started started = startJourney();
    long taskKey = CLUSTER.nextKey();
    ObjectNode task =
        CLUSTER.userTask(taskKey, started.instanceKey(), ExpansionJourney.CSM_OUTREACH, null);
    CLUSTER.offerJob(creatingListenerJob(started, taskKey, null));
    long id = awaitInboxTask(started.account(), ExpansionJourney.CSM_OUTREACH);

    task.put("assignee", "csm-07"); // claimed in Tasklist
    await().atMost(WAIT).until(() -> "csm-07".equals(assignee(id)));
    JsonNode search = lastBody("searchUserTasks");
    assertThat(search.path("filter").path("state").toString()).contains("CREATED");
    assertThat(search.path("page").path("limit").asInt()).isEqualTo(100);

    task.put("state", "COMPLETED").put("completionDate", "2026-03-02T11:00:00.000Z");
    await().atMost(WAIT).until(() -> "COMPLETED".equals(status(id)));
    assertThat(REST.calls("getUserTask"))
        .anySatisfy(
            e ->
                assertThat(e.pathVariables())
                    .containsEntry("userTaskKey", String.valueOf(taskKey)));
  }

  @Test
  @Order(5)
  void elementStatisticsOfTheLatestOrAGivenVersion() {
    CLUSTER.statistics.clear();
    CLUSTER.statistics.add(
        json.createObjectNode()
            .put("elementId", ExpansionJourney.AWAIT_SIGNAL)
            .put("active", 12)
            .put("canceled", 1)
            .put("incidents", 2)
            .put("completed", 30));

    assertThat(statistics.statistics(ExpansionJourney.PROCESS_ID, null))
        .containsExactly(new ElementStatistics(ExpansionJourney.AWAIT_SIGNAL, 12, 30, 1, 2));
    JsonNode latest = lastBody("searchProcessDefinitions");
    assertThat(latest.path("filter").path("processDefinitionId").toString())
        .contains(ExpansionJourney.PROCESS_ID);
    assertThat(latest.path("filter").path("isLatestVersion").asBoolean()).isTrue();
    assertThat(REST.calls("getProcessDefinitionStatistics").getLast().pathVariables())
        .containsEntry(
            "processDefinitionKey", String.valueOf(ClusterState.PROCESS_DEFINITION_KEY + 3));

    statistics.statistics(ExpansionJourney.PROCESS_ID, 2);
    assertThat(lastBody("searchProcessDefinitions").path("filter").path("version").asInt())
        .isEqualTo(2);
    assertThat(REST.calls("getProcessDefinitionStatistics").getLast().pathVariables())
        .containsEntry(
            "processDefinitionKey", String.valueOf(ClusterState.PROCESS_DEFINITION_KEY + 2));
  }

  @Test
  @Order(6)
  void workersStreamTheirJobsOverGrpcAndReportFailuresThroughTheRestApi() {
    // Every job type the models use (service tasks, execution and task listeners) has a stream.
    Set<String> modelTypes = new java.util.TreeSet<>();
    java.util.regex.Pattern type =
        java.util.regex.Pattern.compile(
            "<zeebe:(?:taskDefinition|taskListener|executionListener)[^>]*\\btype=\"([^\"]+)\"");
    for (ModelResources.ModelFile file : models.models()) {
      var m = type.matcher(new String(file.content(), java.nio.charset.StandardCharsets.UTF_8));
      while (m.find()) {
        modelTypes.add(m.group(1));
      }
    }
    assertThat(modelTypes).contains("user-task-created", "journey-checkpoint", "score-account");
    assertThat(GRPC.streams)
        .allSatisfy(
            s -> {
              assertThat(s.getWorker()).isNotBlank();
              assertThat(s.getTimeout()).isPositive();
            });
    assertThat(GRPC.streams.stream().map(s -> s.getType()).collect(Collectors.toSet()))
        .containsAll(modelTypes);
    assertThat(GRPC.authorizations).isNotEmpty().allMatch(a -> a.equals("Bearer " + REST.token()));

    Started started = startJourney();
    long checkpointJob = CLUSTER.nextKey();
    GRPC.push(
        grpcJob("journey-checkpoint", checkpointJob, started, ExpansionJourney.AWAIT_SIGNAL)
            .setVariables(variablesJson(started))
            .build());
    await().atMost(WAIT).until(() -> completedJobs().contains(String.valueOf(checkpointJob)));
    assertThat(journeys.find(started.journeyId()).orElseThrow().checkpointElement())
        .isEqualTo(ExpansionJourney.AWAIT_SIGNAL);

    long failingJob = CLUSTER.nextKey();
    GRPC.push(
        grpcJob("score-account", failingJob, started, "Task_ScoreAccount")
            .setVariables("{\"accountId\":\"NO-SUCH-ACCOUNT\",\"journeyId\":\"x\",\"loop\":0}")
            .build());
    await()
        .atMost(WAIT)
        .until(
            () ->
                REST.calls("failJob").stream()
                    .anyMatch(
                        e -> e.pathVariables().get("jobKey").equals(String.valueOf(failingJob))));
    JsonNode failure =
        REST.calls("failJob").stream()
            .filter(e -> e.pathVariables().get("jobKey").equals(String.valueOf(failingJob)))
            .findFirst()
            .orElseThrow()
            .json();
    assertThat(failure.path("retries").asInt()).isEqualTo(2);
    assertThat(failure.path("errorMessage").asText()).isNotBlank();
  }

  @Test
  @Order(7)
  void cancellingAJourneyCancelsItsProcessInstance() {
    Started started = startJourney();
    journeyService.cancel(journeys.find(started.journeyId()).orElseThrow(), "contract test");
    assertThat(REST.calls("cancelProcessInstance"))
        .anySatisfy(
            e ->
                assertThat(e.pathVariables())
                    .containsEntry("processInstanceKey", String.valueOf(started.instanceKey())));
    assertThat(journeys.find(started.journeyId()).orElseThrow().status()).isEqualTo(Journey.ENDED);
  }

  @Test
  @Order(100)
  void everyOperationOfTheContractWasExercised() {
    Set<String> called =
        REST.exchanges.stream().map(RestApiStub.Exchange::operation).collect(Collectors.toSet());
    assertThat(called)
        .containsExactlyInAnyOrderElementsOf(
            OrchestrationApi.OPERATIONS.stream().map(OrchestrationApi.Operation::id).toList());
    assertThat(REST.exchanges)
        .allSatisfy(e -> assertThat(e.header("Authorization")).isEqualTo("Bearer " + REST.token()));
  }

  // --- helpers --------------------------------------------------------------------------------

  record Started(String account, String journeyId, long instanceKey) {}

  private Started startJourney() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    JsonNode accepted = signal(account, "intent", Map.of("topic", "pricing_page"));
    String journeyId = accepted.path("journeyId").asText();
    return new Started(
        account, journeyId, journeys.find(journeyId).orElseThrow().processInstanceKey());
  }

  private Map<String, Object> variables(Started s) {
    return Map.of("journeyId", s.journeyId(), "accountId", s.account(), "loop", 0);
  }

  private ObjectNode creatingListenerJob(Started started, long taskKey, String assignee) {
    ObjectNode job =
        CLUSTER.job(
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
    userTask.put("formKey", String.valueOf(CLUSTER.nextKey()));
    userTask.put("priority", 50);
    userTask.put("userTaskKey", String.valueOf(taskKey));
    return job;
  }

  private ActivatedJob.Builder grpcJob(String type, long key, Started s, String elementId) {
    return ActivatedJob.newBuilder()
        .setKey(key)
        .setType(type)
        .setProcessInstanceKey(s.instanceKey())
        .setBpmnProcessId(ExpansionJourney.PROCESS_ID)
        .setProcessDefinitionVersion(1)
        .setProcessDefinitionKey(ClusterState.PROCESS_DEFINITION_KEY)
        .setElementId(elementId)
        .setElementInstanceKey(CLUSTER.nextKey())
        .setCustomHeaders("{}")
        .setWorker("stream")
        .setRetries(3)
        .setDeadline(System.currentTimeMillis() + 300_000)
        .setTenantId(ClusterState.TENANT)
        .setKind(ActivatedJob.JobKind.EXECUTION_LISTENER)
        .setListenerEventType(ActivatedJob.ListenerEventType.START);
  }

  private String variablesJson(Started s) {
    try {
      return json.writeValueAsString(variables(s));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode signal(String account, String type, Map<String, Object> attributes) {
    ResponseEntity<String> response =
        post("/api/signals", Map.of("accountId", account, "type", type, "attributes", attributes));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    try {
      return json.readTree(response.getBody());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ResponseEntity<String> post(String path, Object body) {
    return http.postForEntity(path, body, String.class);
  }

  private RestApiStub.Exchange createdFor(String account) {
    return REST.calls("createProcessInstance").stream()
        .filter(e -> account.equals(e.json().path("variables").path("accountId").asText()))
        .findFirst()
        .orElseThrow();
  }

  private JsonNode lastBody(String operation) {
    return REST.calls(operation).getLast().json();
  }

  private List<String> completedJobs() {
    return REST.calls("completeJob").stream().map(e -> e.pathVariables().get("jobKey")).toList();
  }

  private long awaitInboxTask(String account, String elementId) {
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
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private String assignee(long id) {
    return jdbc.sql("SELECT assignee FROM user_tasks WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private String status(long id) {
    return jdbc.sql("SELECT status FROM user_tasks WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private String formSchema(String formId) throws java.io.IOException {
    return new String(
        models.forms().stream()
            .filter(f -> f.name().equals(formId + ".form"))
            .findFirst()
            .orElseThrow()
            .content(),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
