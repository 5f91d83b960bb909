package io.expansion.playbook.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.tasks.UserTask;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * The CSM work queue over HTTP: a CSM's accounts in priority order, each with its next best action,
 * open tasks and the reason for its rank; the next best action also shown with the account.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class WorkQueueApiTest extends BookTestBase {

  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  WorkQueueApiTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("manager", "demo");
  }

  @Test
  void aCsmsAccountsComeInPriorityOrderWithTheirActionsTasksAndReasons() throws Exception {
    awaitRunsDone();
    String csm = "csm-q-" + System.nanoTime();
    String valuable = own(fixtures.healthyAccount(Fixtures.allChannels(true)), csm);
    String atRisk = own(fixtures.atRiskAccount(), csm);
    String renewing = own(fixtures.healthyAccount(Fixtures.allChannels(false)), csm);
    jdbc.sql("UPDATE accounts SET renewal_date = ? WHERE id = ?")
        .params(LocalDate.now().plusDays(10), renewing)
        .update();
    String withTask = own(fixtures.healthyAccount(Fixtures.allChannels(true)), csm);
    signal(withTask, "intent", Map.of("topic", "pricing_page"));
    UserTask outreach = awaitTask(withTask, ExpansionJourney.CSM_OUTREACH);
    jdbc.sql("UPDATE user_tasks SET due_date = ? WHERE id = ?")
        .params(OffsetDateTime.now().minusDays(1), outreach.id())
        .update();
    scoring.runNow("test", null);

    JsonNode queue = get("/api/queue?csm=" + csm);

    assertThat(queue.path("csm").asText()).isEqualTo(csm);
    assertThat(queue.path("segment").isNull()).isTrue();
    assertThat(queue.path("page").asInt()).isZero();
    assertThat(queue.path("size").asInt()).isEqualTo(20);
    assertThat(queue.path("total").asInt()).isEqualTo(4);
    JsonNode items = queue.path("items");
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      assertThat(item.path("rank").asInt()).isEqualTo(i + 1);
      assertThat(item.path("priorityScore").asDouble()).isEqualTo(expectedScore(item));
      assertThat(item.path("why").asText()).startsWith("priority ");
      assertThat(item.has("name") && item.has("segment") && item.has("mrr")).isTrue();
      scores.add(item.path("priorityScore").asDouble());
    }
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));

    JsonNode risky = item(items, atRisk);
    assertThat(risky.path("segment").asText()).isEqualTo("at-risk");
    assertThat(risky.path("churnRisk").asDouble()).isGreaterThan(0.5);
    assertThat(risky.path("nextBestAction").path("offerCode").isNull()).isTrue();
    assertThat(risky.path("nextBestAction").path("reason").asText()).contains("at-risk");
    assertThat(risky.path("why").asText()).contains("churn risk", "no offer (at-risk)");
    JsonNode offer = item(items, valuable).path("nextBestAction");
    assertThat(offer.path("offerCode").asText()).isNotBlank();
    assertThat(offer.path("offerName").asText()).isNotBlank();
    assertThat(offer.path("expectedValue").asDouble()).isPositive();
    assertThat(offer.path("channel").asText()).isIn("in_app", "email", "csm");
    assertThat(item(items, valuable).path("why").asText())
        .contains("EV " + offer.path("expectedValue").asText());
    JsonNode renewal = item(items, renewing);
    assertThat(renewal.path("daysToRenewal").asInt()).isEqualTo(10);
    assertThat(renewal.path("why").asText()).contains("renews in 10 days (+17.8)");
    assertThat(renewal.path("nextBestAction").path("reason").asText())
        .contains("No channel with consent");
    JsonNode tasked = item(items, withTask);
    assertThat(tasked.path("openTasks")).hasSize(1);
    JsonNode task = tasked.path("openTasks").get(0);
    assertThat(task.path("id").asLong()).isEqualTo(outreach.id());
    assertThat(task.path("name").asText()).isEqualTo("Reach out to customer");
    assertThat(task.path("priority").asInt()).isEqualTo(70);
    assertThat(task.path("dueDate").asText()).isNotBlank();
    assertThat(tasked.path("why").asText()).contains("1 task overdue (+10.0)");

    JsonNode second = get("/api/queue?csm=" + csm + "&limit=2&page=1");
    assertThat(second.path("total").asInt()).isEqualTo(4);
    assertThat(second.path("items")).hasSize(2);
    assertThat(second.path("items").get(0).path("rank").asInt()).isEqualTo(3);
    assertThat(second.path("items").get(0).path("accountId").asText())
        .isEqualTo(items.get(2).path("accountId").asText());
    JsonNode onlyAtRisk = get("/api/queue?csm=" + csm + "&segment=at-risk");
    assertThat(onlyAtRisk.path("segment").asText()).isEqualTo("at-risk");
    assertThat(onlyAtRisk.path("items")).hasSize(1);
    assertThat(onlyAtRisk.path("items").get(0).path("accountId").asText()).isEqualTo(atRisk);

    JsonNode detail = get("/api/accounts/" + valuable).path("nextBestAction");
    assertThat(detail.path("code").asText()).isEqualTo("offer");
    assertThat(detail.path("offerCode").asText()).isEqualTo(offer.path("offerCode").asText());
    assertThat(detail.path("scoringId").asText()).isNotBlank();
  }

  @Test
  void unknownCsmIsNotFoundAndBadParametersAreRefusedByName() {
    String csm =
        own(fixtures.healthyAccount(Fixtures.allChannels(true)), "csm-b-" + System.nanoTime());

    ResponseEntity<String> unknown = http.getForEntity("/api/queue?csm=nobody-here", String.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("nobody-here");
    String owner = accounts.findById(csm).orElseThrow().ownerCsm();
    ResponseEntity<String> segment =
        http.getForEntity("/api/queue?csm=" + owner + "&segment=whales", String.class);
    assertThat(segment.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(segment.getBody()).contains("whales", "at-risk");
    assertThat(http.getForEntity("/api/queue", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> limit =
        http.getForEntity("/api/queue?csm=" + owner + "&limit=0", String.class);
    assertThat(limit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(limit.getBody()).contains("limit");
    ResponseEntity<String> page =
        http.getForEntity("/api/queue?csm=" + owner + "&page=-1", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> accountsBySegment =
        http.getForEntity("/api/accounts?segment=whales", String.class);
    assertThat(accountsBySegment.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(accountsBySegment.getBody()).contains("whales");
  }

  /** The documented formula, from the item's own figures. */
  private static double expectedScore(JsonNode item) {
    double score = 0;
    JsonNode action = item.path("nextBestAction");
    if (!action.path("offerCode").isNull()) {
      score += 35 * Math.min(action.path("expectedValue").asDouble(), 120) / 120;
    }
    score += 30 * item.path("churnRisk").asDouble();
    if (!item.path("daysToRenewal").isNull() && item.path("daysToRenewal").asInt() <= 90) {
      score += 20 * (90 - Math.max(item.path("daysToRenewal").asInt(), 0)) / 90.0;
    }
    OffsetDateTime now = OffsetDateTime.now();
    boolean overdue = false;
    boolean soon = false;
    for (JsonNode t : item.path("openTasks")) {
      OffsetDateTime due = OffsetDateTime.parse(t.path("dueDate").asText());
      overdue |= due.isBefore(now);
      soon |= !due.isBefore(now) && due.isBefore(now.plusDays(2));
    }
    score += (overdue ? 10 : 0) + (soon ? 5 : 0);
    return Math.round(score * 10) / 10.0;
  }

  private String own(String accountId, String csm) {
    jdbc.sql("UPDATE accounts SET owner_csm = ? WHERE id = ?").params(csm, accountId).update();
    return accountId;
  }

  private static JsonNode item(JsonNode items, String accountId) {
    for (JsonNode item : items) {
      if (item.path("accountId").asText().equals(accountId)) {
        return item;
      }
    }
    throw new AssertionError("No queue item for " + accountId + " in " + items);
  }

  private JsonNode get(String url) throws Exception {
    ResponseEntity<String> response = http.getForEntity(url, String.class);
    assertThat(response.getStatusCode())
        .as(url + ": " + response.getBody())
        .isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }
}
