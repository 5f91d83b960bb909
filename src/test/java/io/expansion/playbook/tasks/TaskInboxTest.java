package io.expansion.playbook.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * The inbox as Tasklist has it: due and follow-up dates and priorities from the BPMN, filters,
 * sorting, claim / reassign / unassign through the engine, and bad input refused by name.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class TaskInboxTest extends JourneyTestBase {

  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  TaskInboxTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("manager", "demo");
  }

  @Test
  void tasksCarryTheirScheduleAndPriorityAndAreFilteredAndSorted() throws Exception {
    String first = fixtures.healthyAccount(Fixtures.allChannels(true));
    String second = fixtures.healthyAccount(Fixtures.allChannels(true));
    // due dates follow the engine's clock, which timer tests in this shared context move ahead
    OffsetDateTime before = engine.currentTime().atOffset(java.time.ZoneOffset.UTC);
    signal(first, "intent", Map.of("topic", "pricing_page"));
    signal(second, "intent", Map.of("topic", "pricing_page"));
    // the second account's outreach exists before the first's review is created (createdAt order)
    UserTask outreach = awaitTask(second, ExpansionJourney.CSM_OUTREACH);
    complete(first, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
    UserTask review = awaitTask(first, "UserTask_ProveValue");
    OffsetDateTime after = engine.currentTime().atOffset(java.time.ZoneOffset.UTC);

    assertThat(outreach.processId()).isEqualTo("expansion-journey");
    assertThat(outreach.priority()).isEqualTo(70);
    assertThat(outreach.dueDate()).isBetween(before.plusDays(3), after.plusDays(3));
    assertThat(outreach.followUpDate()).isBetween(before.plusDays(1), after.plusDays(1));
    assertThat(review.priority()).isEqualTo(60);
    assertThat(review.dueDate())
        .isBetween(before.plusDays(14), after.plusDays(14)); // proveValueSla
    JsonNode completed = get("/api/tasks?accountId=" + first + "&state=completed");
    assertThat(completed).hasSize(1);
    assertThat(completed.get(0).path("elementId").asText())
        .isEqualTo(ExpansionJourney.CSM_OUTREACH);
    assertThat(completed.get(0).path("status").asText()).isEqualTo("COMPLETED");
    assertThat(completed.get(0).path("priority").asInt()).isEqualTo(70);
    assertThat(get("/api/tasks?accountId=" + first)).hasSize(1); // open by default
    assertThat(get("/api/tasks?accountId=" + first + "&state=canceled")).isEmpty();

    // both tasks to one user of their own, so the filters below see just these two
    String user = "sorter-" + System.nanoTime();
    assign(review.id(), user, true);
    assign(outreach.id(), user, true);
    String mine = "/api/tasks?assignee=" + user;
    assertThat(ids(get(mine + "&sort=priority,desc"))).containsExactly(outreach.id(), review.id());
    assertThat(ids(get(mine + "&sort=priority&order=asc")))
        .containsExactly(review.id(), outreach.id());
    assertThat(ids(get(mine + "&sort=dueDate"))).containsExactly(outreach.id(), review.id());
    assertThat(ids(get(mine + "&sort=dueDate&order=desc")))
        .containsExactly(review.id(), outreach.id());
    assertThat(ids(get(mine + "&sort=createdAt,desc"))).containsExactly(review.id(), outreach.id());
    String week = OffsetDateTime.now().plusDays(7).toString().replace("+", "%2B");
    assertThat(ids(get(mine + "&dueBefore=" + week))).containsExactly(outreach.id());
    assertThat(ids(get(mine + "&dueAfter=" + week))).containsExactly(review.id());
    assertThat(ids(get(mine + "&dueAfter=" + OffsetDateTime.now().toLocalDate())))
        .containsExactlyInAnyOrder(outreach.id(), review.id());
    assertThat(ids(get(mine + "&candidateGroup=csm&processId=expansion-journey")))
        .containsExactlyInAnyOrder(outreach.id(), review.id());
    assertThat(get(mine + "&candidateGroup=sales-managers")).isEmpty();
    assertThat(get(mine + "&processId=renewal")).isEmpty();
    assertThat(get(mine + "&limit=1")).hasSize(1);
  }

  @Test
  void claimReassignAndUnassignGoThroughTheEngineAndRefuseTakingSomeoneElsesTask()
      throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    signal(account, "intent", Map.of("topic", "pricing_page"));
    UserTask task = awaitTask(account, ExpansionJourney.CSM_OUTREACH);
    assertThat(task.assignee()).isEqualTo("csm-01"); // the BPMN assigns the account's CSM

    ResponseEntity<String> taken =
        post("/api/tasks/" + task.id() + "/assignment", "{\"assignee\":\"ann\"}");
    assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(taken.getBody()).contains("csm-01", "allowOverride");
    assertThat(tasks.task(task.id()).assignee()).isEqualTo("csm-01");

    ResponseEntity<String> reassigned =
        post(
            "/api/tasks/" + task.id() + "/assignment",
            "{\"assignee\":\"ann\",\"allowOverride\":true}");
    assertThat(reassigned.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(reassigned.getBody()).path("assignee").asText()).isEqualTo("ann");
    assertThat(
            post("/api/tasks/" + task.id() + "/assignment", "{\"assignee\":\"ann\"}")
                .getStatusCode())
        .isEqualTo(HttpStatus.OK); // holding it already: nothing to do

    ResponseEntity<String> unassigned = delete("/api/tasks/" + task.id() + "/assignee");
    assertThat(unassigned.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(unassigned.getBody()).path("assignee").isNull()).isTrue();
    assertThat(delete("/api/tasks/" + task.id() + "/assignee").getStatusCode())
        .isEqualTo(HttpStatus.OK);

    ResponseEntity<String> claimed =
        post("/api/tasks/" + task.id() + "/assignment", "{\"assignee\":\"bob\"}");
    assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasks.task(task.id()).assignee()).isEqualTo("bob");
    long instance = journeys.find(task.journeyId()).orElseThrow().processInstanceKey();
    assertThat(engineAssignees(instance, task.elementId()))
        .as("the engine's task follows the inbox (created, then assigned the BPMN's assignee)")
        .containsExactly("", "csm-01", "ann", "", "bob");
    assertThat(decisionLog(account))
        .filteredOn(d -> d.rule().equals("task-assignment"))
        .extracting(d -> d.outcome())
        .containsExactly("claimed", "unassigned", "reassigned");

    tasks.complete(task.id(), Map.of("outreachResult", "interested"));
    assertThat(
            post(
                    "/api/tasks/" + task.id() + "/assignment",
                    "{\"assignee\":\"cy\",\"allowOverride\":true}")
                .getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(delete("/api/tasks/" + task.id() + "/assignee").getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    awaitTask(account, "UserTask_ProveValue"); // the engine took the completion of bob's task
  }

  @Test
  void badInputIsRefusedNamingTheProblem() {
    assertBad("/api/tasks?state=bogus", "bogus");
    assertBad("/api/tasks?sort=name", "name");
    assertBad("/api/tasks?sort=dueDate,sideways", "sideways");
    assertBad("/api/tasks?sort=priority&order=up", "up");
    assertBad("/api/tasks?dueBefore=tomorrow", "dueBefore");
    assertBad("/api/tasks?dueAfter=2026-13-45", "dueAfter");
    assertBad("/api/tasks?dueAfter=2026-12-02&dueBefore=2026-12-01", "dueAfter");
    assertBad("/api/tasks?processId=nope", "nope");
    assertBad("/api/tasks?limit=0", "limit");
    ResponseEntity<String> noAssignee = post("/api/tasks/1/assignment", "{}");
    assertThat(noAssignee.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noAssignee.getBody()).contains("assignee");
    assertThat(post("/api/tasks/987654321/assignment", "{\"assignee\":\"x\"}").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(delete("/api/tasks/987654321/assignee").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    signal(account, "intent", Map.of("topic", "pricing_page"));
    UserTask task = awaitTask(account, ExpansionJourney.CSM_OUTREACH);
    ResponseEntity<String> blank =
        post("/api/tasks/" + task.id() + "/assignment", "{\"assignee\":\" \"}");
    assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(blank.getBody()).contains("assignee");
  }

  private void assertBad(String url, String named) {
    ResponseEntity<String> response = http.getForEntity(url, String.class);
    assertThat(response.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).as(url).contains(named);
  }

  /** The assignees of the engine's user task at the element, in order: created, then assigned. */
  private List<String> engineAssignees(long processInstanceKey, String elementId) {
    return await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(
            () -> {
              List<String> assignees = new ArrayList<>();
              for (Record<?> r :
                  StreamSupport.stream(engine.recordStream().getRecords().spliterator(), false)
                      .toList()) {
                if (r.getRecordType() == RecordType.EVENT
                    && r.getValueType() == ValueType.USER_TASK
                    && (r.getIntent() == UserTaskIntent.CREATED
                        || r.getIntent() == UserTaskIntent.ASSIGNED)
                    && r.getValue() instanceof UserTaskRecordValue v
                    && v.getProcessInstanceKey() == processInstanceKey
                    && elementId.equals(v.getElementId())) {
                  assignees.add(v.getAssignee());
                }
              }
              return assignees;
            },
            a -> a.size() >= 5);
  }

  private void assign(long id, String assignee, boolean override) {
    ResponseEntity<String> response =
        post(
            "/api/tasks/" + id + "/assignment",
            "{\"assignee\":\"" + assignee + "\",\"allowOverride\":" + override + "}");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private JsonNode get(String url) throws Exception {
    ResponseEntity<String> response = http.getForEntity(url, String.class);
    assertThat(response.getStatusCode())
        .as(url + ": " + response.getBody())
        .isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private static List<Long> ids(JsonNode tasks) {
    List<Long> ids = new ArrayList<>();
    tasks.forEach(t -> ids.add(t.path("id").asLong()));
    return ids;
  }

  private ResponseEntity<String> post(String url, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity(url, new HttpEntity<>(body, headers), String.class);
  }

  private ResponseEntity<String> delete(String url) {
    return http.exchange(url, HttpMethod.DELETE, null, String.class);
  }
}
