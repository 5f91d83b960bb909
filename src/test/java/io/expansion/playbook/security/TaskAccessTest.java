package io.expansion.playbook.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.decisions.Decision;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.tasks.UserTask;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * Task-level access over HTTP with the demo users' passwords: tasks follow their candidate groups
 * and assignee as in Tasklist, and accounts their owner. The completions are decisions by the user
 * who completed them; what the workers decide next is the system's.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class TaskAccessTest extends SecurityTestBase {

  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  TaskAccessTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http;
  }

  @Test
  void aCsmWorksOnTheirOwnTaskButNotOnAnotherCsmsNorOnAnApprovalWhichTheManagerApproves()
      throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true)); // owned by csm-01
    assertThat(
            post("integration", "/api/signals", signal(account, "intent-" + account))
                .getStatusCode()
                .value())
        .isEqualTo(202);
    UserTask outreach = awaitTask(account, "UserTask_CsmOutreach");
    assertThat(outreach.assignee()).isEqualTo("csm-01");
    assertThat(outreach.candidateGroups()).containsExactly("csm");

    // csm-02 is in the group csm, so the task shows in their queue, but it is csm-01's to work on
    assertThat(get("csm-02", "/api/tasks/" + outreach.id()).getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> foreign =
        complete("csm-02", outreach.id(), "{\"outreachResult\":\"interested\"}");
    assertThat(foreign.getStatusCode().value()).isEqualTo(403);
    assertThat(json.readTree(foreign.getBody()).path("message").asText())
        .contains("assigned to csm-01");
    assertThat(complete("leader", outreach.id(), "{}").getStatusCode().value()).isEqualTo(403);
    assertThat(complete("ops", outreach.id(), "{}").getStatusCode().value()).isEqualTo(403);
    assertThat(
            complete("csm-01", outreach.id(), "{\"outreachResult\":\"interested\"}")
                .getStatusCode()
                .value())
        .isEqualTo(200);

    UserTask review = awaitTask(account, "UserTask_ProveValue");
    complete(
        "csm-01", review.id(), "{\"customerResponse\":\"interested\",\"requestedDiscountPct\":25}");
    UserTask approval = awaitTask(account, ExpansionJourney.APPROVE_DISCOUNT);
    assertThat(approval.candidateGroups()).containsExactly("sales-managers");

    ResponseEntity<String> csmApproves =
        complete("csm-01", approval.id(), "{\"approvalDecision\":\"approve\"}");
    assertThat(csmApproves.getStatusCode().value()).isEqualTo(403);
    assertThat(json.readTree(csmApproves.getBody()).path("message").asText())
        .contains("candidate groups [sales-managers]");
    assertThat(get("csm-01", "/api/tasks/" + approval.id()).getStatusCode().value()).isEqualTo(403);
    assertThat(taskIds("csm-01", account)).doesNotContain(approval.id());
    assertThat(taskIds("manager", account)).contains(approval.id());
    assertThat(taskIds("leader", account)).contains(approval.id());
    assertThat(
            complete("manager", approval.id(), "{\"approvalDecision\":\"approve\"}")
                .getStatusCode()
                .value())
        .isEqualTo(200);

    await()
        .atMost(WAIT)
        .until(() -> decisionLog(account).stream().anyMatch(d -> d.rule().equals("provisioning")));
    List<Decision> log = decisionLog(account);
    assertThat(actorOf(log, "task-completion", "completed UserTask_CsmOutreach"))
        .isEqualTo("csm-01");
    assertThat(actorOf(log, "task-completion", "completed UserTask_ProveValue"))
        .isEqualTo("csm-01");
    assertThat(actorOf(log, "task-completion", "completed UserTask_ApproveDiscount"))
        .isEqualTo("manager");
    assertThat(log.stream().filter(d -> d.rule().equals("task-completion"))).hasSize(3);
    // the engine's workers, before and after the people's steps
    assertThat(log)
        .filteredOn(
            d -> List.of("provisioning", "value-snapshot", "eligibility").contains(d.rule()))
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.actor()).isEqualTo("system"));
    JsonNode detail = json.readTree(get("csm-01", "/api/accounts/" + account).getBody());
    assertThat(detail.path("decisions").findValuesAsText("actor"))
        .contains("csm-01", "manager", "system");
  }

  @Test
  void aCsmSeesOnlyTheirOwnAccountsAndJourneys() throws Exception {
    String mine = fixtures.healthyAccount(Fixtures.allChannels(true));
    String theirs = fixtures.healthyAccount(Fixtures.allChannels(true));
    jdbc.sql("UPDATE accounts SET owner_csm = 'csm-02' WHERE id = ?").param(theirs).update();

    assertThat(get("csm-01", "/api/accounts/" + mine).getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> refused = get("csm-01", "/api/accounts/" + theirs);
    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    assertThat(json.readTree(refused.getBody()).path("message").asText())
        .contains("belongs to csm-02");
    assertThat(get("csm-02", "/api/accounts/" + theirs).getStatusCode().value()).isEqualTo(200);
    assertThat(get("manager", "/api/accounts/" + theirs).getStatusCode().value()).isEqualTo(200);
    assertThat(get("leader", "/api/accounts/" + theirs).getStatusCode().value()).isEqualTo(200);
    assertThat(get("csm-01", "/api/accounts/NOPE-1").getStatusCode().value()).isEqualTo(404);

    JsonNode page = json.readTree(get("csm-01", "/api/accounts?size=500").getBody());
    assertThat(page.path("items").findValuesAsText("ownerCsm")).containsOnly("csm-01");
    assertThat(page.path("items").findValuesAsText("id")).contains(mine).doesNotContain(theirs);
    assertThat(page.path("total").asLong()).isEqualTo(accounts.count(null, "csm-01"));
    JsonNode all = json.readTree(get("manager", "/api/accounts?size=500").getBody());
    assertThat(all.path("items").findValuesAsText("id")).contains(mine, theirs);

    assertThat(get("csm-01", "/api/journeys?accountId=" + theirs).getStatusCode().value())
        .isEqualTo(403);
    assertThat(get("csm-01", "/api/accounts/" + theirs + "/quotes").getStatusCode().value())
        .isEqualTo(403);
    assertThat(
            post("csm-01", "/api/contacts/" + theirs + "-C1/consents", consent())
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(
            post("csm-02", "/api/contacts/" + theirs + "-C1/consents", consent())
                .getStatusCode()
                .value())
        .isEqualTo(201);
    assertThat(decision(theirs, "consent-change").actor()).isEqualTo("csm-02");
  }

  private static String actorOf(List<Decision> log, String rule, String outcome) {
    return log.stream()
        .filter(d -> d.rule().equals(rule) && d.outcome().equals(outcome))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No " + rule + " " + outcome + " in " + log))
        .actor();
  }

  private List<Long> taskIds(String user, String account) throws Exception {
    List<Long> ids = new java.util.ArrayList<>();
    json.readTree(get(user, "/api/tasks?accountId=" + account).getBody())
        .forEach(task -> ids.add(task.path("id").asLong()));
    return ids;
  }

  private static String signal(String account, String key) {
    return "{\"accountId\":\""
        + account
        + "\",\"type\":\"intent\",\"attributes\":{\"topic\":\"pricing_page\"},\"idempotencyKey\":\""
        + key
        + "\"}";
  }

  private static String consent() {
    return "{\"channel\":\"email\",\"optedIn\":false,\"source\":\"customer call\"}";
  }

  private ResponseEntity<String> get(String user, String path) {
    return http.withBasicAuth(user, PASSWORD).getForEntity(path, String.class);
  }

  private ResponseEntity<String> complete(String user, long task, String variables) {
    return post(user, "/api/tasks/" + task + "/complete", "{\"variables\":" + variables + "}");
  }

  private ResponseEntity<String> post(String user, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, PASSWORD)
        .postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }
}
