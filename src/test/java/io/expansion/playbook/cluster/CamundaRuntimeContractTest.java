package io.expansion.playbook.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.engine.ModelResources;
import io.expansion.playbook.journeys.ElementStatistics;
import io.expansion.playbook.journeys.ElementStatisticsSource;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.journeys.Journeys;
import io.expansion.playbook.support.Fixtures;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestConstructor;

/**
 * Every call the {@code camunda} runtime makes outside the inbox, through the real Java client,
 * checked by the stubs against the Orchestration Cluster API (see {@link OrchestrationApi}), and
 * the fields the app reads from the answers: deployment with the client-credentials token, journeys
 * started and signalled, element statistics, workers streaming over gRPC and reporting failures,
 * cancellation. The inbox's calls are in {@link CamundaUserTaskContractTest}.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CamundaRuntimeContractTest extends CamundaRuntimeTestBase {

  /** The operations this class exercises; the rest are the inbox's. */
  static final Set<String> OPERATIONS =
      Set.of(
          "createDeployment",
          "createProcessInstance",
          "cancelProcessInstance",
          "publishMessage",
          "completeJob",
          "failJob",
          "searchProcessDefinitions",
          "getProcessDefinitionStatistics");

  private final ContractFixtures fx;
  private final Journeys journeys;
  private final JourneyService journeyService;
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
    // the first deployment is the start-up's (CamundaModelsContractTest uploads more)
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
    String account = fx.healthyAccount();
    JsonNode first = fx.signal(account, "intent", Map.of("topic", "pricing_page"));
    assertThat(first.path("routing").asText()).isEqualTo("STARTED_JOURNEY");
    RestApiStub.Exchange create = fx.createdFor(account);
    assertThat(create.json().path("processDefinitionId").asText())
        .isEqualTo(ExpansionJourney.PROCESS_ID);
    assertThat(create.json().path("variables").path("journeyId").asText())
        .isEqualTo(first.path("journeyId").asText());
    Journey journey = journeys.find(first.path("journeyId").asText()).orElseThrow();
    assertThat(journey.processInstanceKey()).isNotNull().isPositive();

    JsonNode second = fx.signal(account, "intent", Map.of("topic", "expansion_inquiry"));
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
    JsonNode latest = fx.lastBody("searchProcessDefinitions");
    assertThat(latest.path("filter").path("processDefinitionId").toString())
        .contains(ExpansionJourney.PROCESS_ID);
    assertThat(latest.path("filter").path("isLatestVersion").asBoolean()).isTrue();
    assertThat(REST.calls("getProcessDefinitionStatistics").getLast().pathVariables())
        .containsEntry(
            "processDefinitionKey", String.valueOf(ClusterState.PROCESS_DEFINITION_KEY + 3));

    statistics.statistics(ExpansionJourney.PROCESS_ID, 2);
    assertThat(fx.lastBody("searchProcessDefinitions").path("filter").path("version").asInt())
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

    ContractFixtures.Started started = fx.startJourney();
    long checkpointJob = CLUSTER.nextKey();
    GRPC.push(
        fx.grpcJob("journey-checkpoint", checkpointJob, started, ExpansionJourney.AWAIT_SIGNAL)
            .setVariables(fx.variablesJson(started))
            .build());
    await()
        .atMost(ContractFixtures.WAIT)
        .until(() -> fx.completedJobs().contains(String.valueOf(checkpointJob)));
    assertThat(journeys.find(started.journeyId()).orElseThrow().checkpointElement())
        .isEqualTo(ExpansionJourney.AWAIT_SIGNAL);

    long failingJob = CLUSTER.nextKey();
    GRPC.push(
        fx.grpcJob("score-account", failingJob, started, "Task_ScoreAccount")
            .setVariables("{\"accountId\":\"NO-SUCH-ACCOUNT\",\"journeyId\":\"x\",\"loop\":0}")
            .build());
    await()
        .atMost(ContractFixtures.WAIT)
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
    ContractFixtures.Started started = fx.startJourney();
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
  void everyOperationOfThisPartWasExercisedWithTheToken() {
    Set<String> called =
        REST.exchanges.stream().map(RestApiStub.Exchange::operation).collect(Collectors.toSet());
    assertThat(called).containsAll(OPERATIONS);
    assertThat(REST.exchanges)
        .allSatisfy(e -> assertThat(e.header("Authorization")).isEqualTo("Bearer " + REST.token()));
  }

  @Test
  void theTwoPartsTogetherCoverTheWholeContract() {
    Set<String> covered =
        Stream.of(
                OPERATIONS,
                CamundaUserTaskContractTest.OPERATIONS,
                CamundaModelsContractTest.OPERATIONS)
            .flatMap(Set::stream)
            .collect(Collectors.toSet());
    assertThat(covered)
        .containsExactlyInAnyOrderElementsOf(
            OrchestrationApi.OPERATIONS.stream().map(OrchestrationApi.Operation::id).toList());
  }
}
