package io.expansion.playbook.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * The loop driven over HTTP, as a CSM tool ({@code csm-01}, the test accounts' owner) and a signal
 * source (the {@code integration} client) would.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ExpansionLoopApiTest extends JourneyTestBase {

  private final TestRestTemplate http;
  private final TestRestTemplate integration;
  private final ObjectMapper json = new ObjectMapper();

  ExpansionLoopApiTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("csm-01", "demo");
    this.integration = http.withBasicAuth("integration", "demo");
  }

  @Test
  void signalOverHttpLeadsThroughCsmTasksToAChangedPlanWithTheDecisionLogFilled() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));

    ResponseEntity<String> posted =
        post(
            "/api/signals",
            "{\"accountId\":\""
                + account
                + "\",\"type\":\"intent\",\"attributes\":{\"topic\":\"pricing_page\"},"
                + "\"idempotencyKey\":\"e2e-"
                + account
                + "\"}");
    assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode accepted = json.readTree(posted.getBody());
    assertThat(accepted.path("id").asLong()).isPositive();
    assertThat(accepted.path("routing").asText()).isEqualTo("QUEUED");
    String status = "/api/signals/" + accepted.path("id").asLong();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        json.readTree(integration.getForObject(status, String.class))
                            .path("routing")
                            .asText())
                    .isEqualTo("STARTED_JOURNEY"));

    JsonNode outreach = awaitHttpTask(account, "UserTask_CsmOutreach");
    ResponseEntity<String> form =
        http.getForEntity("/api/tasks/" + outreach.path("id").asLong() + "/form", String.class);
    assertThat(json.readTree(form.getBody()).path("id").asText()).isEqualTo("csm-outreach");

    ResponseEntity<String> missing =
        post("/api/tasks/" + outreach.path("id").asLong() + "/complete", "{\"variables\":{}}");
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missing.getBody()).contains("outreachResult");

    assertThat(
            post(
                    "/api/tasks/" + outreach.path("id").asLong() + "/complete",
                    "{\"variables\":{\"outreachResult\":\"interested\"}}")
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<String> again =
        post(
            "/api/tasks/" + outreach.path("id").asLong() + "/complete",
            "{\"variables\":{\"outreachResult\":\"interested\"}}");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    JsonNode review = awaitHttpTask(account, "UserTask_ProveValue");
    assertThat(review.path("variables").path("valueSnapshot").path("summary").asText())
        .contains("Customer for 36 months");
    post(
        "/api/tasks/" + review.path("id").asLong() + "/complete",
        "{\"variables\":{\"customerResponse\":\"interested\",\"requestedDiscountPct\":5}}");

    JsonNode detail =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    json.readTree(
                        http.getForEntity("/api/accounts/" + account, String.class).getBody()),
                // provisioning changes the plan; the outcome step after it records the outcome
                d ->
                    "fiber".equals(d.path("planTier").asText())
                        && d.path("decisions").findValuesAsText("rule").contains("outcome"));
    assertThat(detail.path("segment").asText()).isEqualTo("high-potential");
    assertThat(detail.path("offers").get(0).path("status").asText()).isEqualTo("ACCEPTED");
    assertThat(detail.path("touches").size()).isEqualTo(1);
    assertThat(detail.path("journeys").get(0).path("status").asText()).isEqualTo("ACTIVE");
    String rules = detail.path("decisions").findValuesAsText("rule").toString();
    assertThat(rules)
        .contains(
            "guardrails:v1",
            "segmentation.dmn",
            "signal-qualification.dmn",
            "eligibility",
            "contact-policy",
            "next-best-offer",
            "touch",
            "value-snapshot",
            "quote:guardrails-v1",
            "provisioning",
            "outcome");

    ResponseEntity<String> resend =
        post(
            "/api/signals",
            "{\"accountId\":\""
                + account
                + "\",\"type\":\"intent\",\"attributes\":{\"topic\":\"pricing_page\"},"
                + "\"idempotencyKey\":\"e2e-"
                + account
                + "\"}");
    assertThat(json.readTree(resend.getBody()).path("duplicate").asBoolean()).isTrue();
    assertThat(count("signals", account)).isEqualTo(1);
  }

  @Test
  void badRequestsAreRefusedWithAClearMessageAndNothingIsStored() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    int signalsBefore = total("signals");
    int journeysBefore = total("journeys");

    ResponseEntity<String> malformed =
        post("/api/signals", "{\"accountId\": \"" + account + "\", ");
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(malformed.getBody()).contains("Malformed JSON");

    ResponseEntity<String> unknownType =
        post("/api/signals", "{\"accountId\":\"" + account + "\",\"type\":\"telepathy\"}");
    assertThat(unknownType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknownType.getBody()).contains("Unknown signal type 'telepathy'", "intent");

    ResponseEntity<String> unknownAccount =
        post(
            "/api/signals",
            "{\"accountId\":\"NOPE-1\",\"type\":\"intent\",\"attributes\":{\"topic\":\"pricing_page\"}}");
    assertThat(unknownAccount.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknownAccount.getBody()).contains("Unknown account 'NOPE-1'");

    ResponseEntity<String> noTask = post("/api/tasks/999999/complete", "{\"variables\":{}}");
    assertThat(noTask.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/api/accounts/NOPE-1", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    assertThat(total("signals")).isEqualTo(signalsBefore);
    assertThat(total("journeys")).isEqualTo(journeysBefore);
    assertThat(http.getForEntity("/v3/api-docs", String.class).getBody()).contains("/api/signals");
  }

  private JsonNode awaitHttpTask(String account, String elementId) {
    return await()
        .atMost(WAIT)
        .until(
            () -> {
              JsonNode list =
                  json.readTree(
                      http.getForEntity("/api/tasks?accountId=" + account, String.class).getBody());
              for (JsonNode task : list) {
                if (elementId.equals(task.path("elementId").asText())
                    && task.path("ready").asBoolean()) {
                  return task;
                }
              }
              return null;
            },
            java.util.Objects::nonNull);
  }

  private ResponseEntity<String> post(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    TestRestTemplate as = path.startsWith("/api/signals") ? integration : http;
    return as.postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  private int total(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
  }
}
