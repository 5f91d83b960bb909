package io.expansion.playbook.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.engine.ModelResources;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.Journeys;
import io.expansion.playbook.support.Fixtures;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
 * The inbox's calls on a cluster, through the real Java client against the stubs: a user task the
 * cluster creates reaches the inbox through its creating listener job (REST activation and
 * completion), is claimed, refused, unassigned, shown with the cluster's form and completed through
 * the Orchestration Cluster REST API; claims and completions made in Tasklist come back through the
 * user-task search and get.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CamundaUserTaskContractTest extends CamundaRuntimeTestBase {

  /** The operations this class exercises. */
  static final Set<String> OPERATIONS =
      Set.of(
          "activateJobs",
          "completeJob",
          "searchUserTasks",
          "getUserTask",
          "assignUserTask",
          "unassignUserTask",
          "completeUserTask",
          "getUserTaskForm");

  private final ContractFixtures fx;
  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  CamundaUserTaskContractTest(
      TestRestTemplate http,
      Accounts accounts,
      JdbcClient jdbc,
      Journeys journeys,
      ModelResources models) {
    this.http = http.withBasicAuth("manager", "demo");
    this.fx =
        new ContractFixtures(
            this.http, new Fixtures(accounts, jdbc), journeys, jdbc, models, CLUSTER, REST);
  }

  @AfterEach
  void keptToTheContract() {
    assertThat(REST.violations).as("REST requests against the spec").isEmpty();
    assertThat(GRPC.violations).as("gRPC calls").isEmpty();
  }

  @Test
  @Order(3)
  void aUserTaskCreatedByTheClusterIsClaimedUnassignedShownAndCompletedFromTheInbox()
      throws Exception {
    ContractFixtures.Started started = fx.startJourney();
    long taskKey = CLUSTER.nextKey();
    CLUSTER.userTask(taskKey, started.instanceKey(), ExpansionJourney.CSM_OUTREACH, "csm-01");
    CLUSTER.formSchemas.put(taskKey, fx.formSchema("csm-outreach"));
    ObjectNode job = fx.creatingListenerJob(started, taskKey, "csm-01");
    CLUSTER.offerJob(job);

    long id = fx.awaitInboxTask(started.account(), ExpansionJourney.CSM_OUTREACH);
    assertThat(fx.completedJobs()).contains(job.get("jobKey").asText());
    assertThat(fx.assignee(id)).isEqualTo("csm-01");

    // Claimed by another CSM, handing it over explicitly
    assertThat(
            fx.post(
                    "/api/tasks/" + id + "/assignment",
                    Map.of("assignee", "csm-02", "allowOverride", true))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    JsonNode assigned = fx.lastBody("assignUserTask");
    assertThat(assigned.path("assignee").asText()).isEqualTo("csm-02");
    assertThat(assigned.path("allowOverride").asBoolean()).isTrue();
    assertThat(fx.assignee(id)).isEqualTo("csm-02");

    // Without allowOverride the inbox, which holds the cluster's assignee, refuses and keeps it
    ResponseEntity<String> refused =
        fx.post("/api/tasks/" + id + "/assignment", Map.of("assignee", "csm-03"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody()).contains("assigned to csm-02");
    assertThat(fx.assignee(id)).isEqualTo("csm-02");

    // Back to the candidate groups
    assertThat(
            http.exchange("/api/tasks/" + id + "/assignee", HttpMethod.DELETE, null, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(REST.calls("unassignUserTask")).isNotEmpty();
    assertThat(fx.assignee(id)).isNull();

    // The form comes from the cluster (the one Tasklist renders)
    JsonNode form = json.readTree(http.getForObject("/api/tasks/" + id + "/form", String.class));
    assertThat(form.path("id").asText()).isEqualTo("csm-outreach");
    assertThat(REST.calls("getUserTaskForm").get(0).pathVariables())
        .containsEntry("userTaskKey", String.valueOf(taskKey));

    ResponseEntity<String> completed =
        fx.post(
            "/api/tasks/" + id + "/complete",
            Map.of("variables", Map.of("outreachResult", "interested")));
    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode completion = fx.lastBody("completeUserTask");
    assertThat(completion.path("variables").path("outreachResult").asText())
        .isEqualTo("interested");
    assertThat(fx.status(id)).isEqualTo("COMPLETED");
  }

  @Test
  @Order(4)
  void claimsAndCompletionsInTasklistReachTheInbox() {
    ContractFixtures.Started started = fx.startJourney();
    long taskKey = CLUSTER.nextKey();
    ObjectNode task =
        CLUSTER.userTask(taskKey, started.instanceKey(), ExpansionJourney.CSM_OUTREACH, null);
    CLUSTER.offerJob(fx.creatingListenerJob(started, taskKey, null));
    long id = fx.awaitInboxTask(started.account(), ExpansionJourney.CSM_OUTREACH);

    task.put("assignee", "csm-07"); // claimed in Tasklist
    await().atMost(ContractFixtures.WAIT).until(() -> "csm-07".equals(fx.assignee(id)));
    JsonNode search = fx.lastBody("searchUserTasks");
    assertThat(search.path("filter").path("state").toString()).contains("CREATED");
    assertThat(search.path("page").path("limit").asInt()).isEqualTo(100);

    task.put("state", "COMPLETED").put("completionDate", "2026-03-02T11:00:00.000Z");
    await().atMost(ContractFixtures.WAIT).until(() -> "COMPLETED".equals(fx.status(id)));
    assertThat(REST.calls("getUserTask"))
        .anySatisfy(
            e ->
                assertThat(e.pathVariables())
                    .containsEntry("userTaskKey", String.valueOf(taskKey)));
  }

  @Test
  @Order(100)
  void everyOperationOfThisPartWasExercised() {
    Set<String> called =
        REST.exchanges.stream().map(RestApiStub.Exchange::operation).collect(Collectors.toSet());
    assertThat(called).containsAll(OPERATIONS);
  }
}
