package io.expansion.playbook.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
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

/** {@code /api/experiments}: create, read, stop, who may, and every bad input. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ExperimentApiTest extends ExperimentsTestBase {

  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  ExperimentApiTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http;
  }

  private ResponseEntity<String> post(String user, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo")
        .exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private static String body(String key, String step, String arms, String extra) {
    return "{\"key\":\""
        + key
        + "\",\"hypothesis\":\"Email beats the CSM call for small offers\",\"play\":\"expansion\","
        + "\"step\":\""
        + step
        + "\",\"arms\":"
        + arms
        + extra
        + "}";
  }

  private static final String ARMS =
      "[{\"name\":\"control\",\"weight\":50,\"control\":true},"
          + "{\"name\":\"email\",\"weight\":50,\"value\":\"email\"}]";

  @Test
  void opsCreatesReadsAndStopsAnExperimentEveryoneMayRead() throws Exception {
    ResponseEntity<String> created =
        post(
            "ops",
            "/api/experiments",
            body("channel-email", "touch-channel", ARMS, ",\"windowDays\":60"));

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode e = json.readTree(created.getBody());
    assertThat(e.path("state").asText()).isEqualTo("running");
    assertThat(e.path("primaryMetric").asText()).isEqualTo("expansion-mrr");
    assertThat(e.path("windowDays").asInt()).isEqualTo(60);
    assertThat(e.path("guardrails").toString())
        .isEqualTo("[\"churn\",\"discount-given\",\"touches-per-account\"]");
    assertThat(e.path("createdBy").asText()).isEqualTo("ops");

    for (String reader : new String[] {"csm-03", "leader", "manager", "ops"}) {
      ResponseEntity<String> read =
          http.withBasicAuth(reader, "demo")
              .getForEntity("/api/experiments/channel-email", String.class);
      assertThat(read.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
      assertThat(
              http.withBasicAuth(reader, "demo")
                  .getForEntity("/api/experiments/channel-email/results", String.class)
                  .getStatusCode())
          .isEqualTo(HttpStatus.OK);
    }
    assertThat(http.withBasicAuth("leader", "demo").getForObject("/api/experiments", String.class))
        .contains("channel-email", "globalHoldout");
    assertThat(
            post("manager", "/api/experiments", body("other-key", "offer", ARMS, ""))
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("csm-03", "/api/experiments/channel-email/stop", "").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            post("ops", "/api/experiments", body("channel-email", "offer", ARMS, ""))
                .getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    ResponseEntity<String> stopped = post("ops", "/api/experiments/channel-email/stop", "");
    assertThat(stopped.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(stopped.getBody()).path("state").asText()).isEqualTo("stopped");
    assertThat(json.readTree(stopped.getBody()).path("stoppedBy").asText()).isEqualTo("ops");
    ResponseEntity<String> again = post("ops", "/api/experiments/channel-email/stop", "");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody()).contains("already stopped");
    assertThat(post("ops", "/api/experiments/nope/stop", "").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            http.withBasicAuth("ops", "demo")
                .getForEntity("/api/experiments/nope/results", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void badInputIsRefusedWith400NamingTheProblem() {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry(
                "{\"key\":\"bad-play\",\"hypothesis\":\"h\",\"play\":\"upsell\",\"step\":\"offer\",\"arms\":"
                    + ARMS
                    + "}",
                "unknown play 'upsell'"),
            Map.entry(body("bad-step", "tone-of-voice", ARMS, ""), "unknown step 'tone-of-voice'"),
            Map.entry(
                body("bad-metric", "touch-channel", ARMS, ",\"primaryMetric\":\"clicks\""),
                "unknown primary metric 'clicks'"),
            Map.entry(
                body("bad-guardrail", "touch-channel", ARMS, ",\"guardrails\":[\"churn\",\"nps\"]"),
                "unknown guardrail metric 'nps'"),
            Map.entry(
                body(
                    "bad-weights",
                    "touch-channel",
                    "[{\"name\":\"control\",\"weight\":50,\"control\":true},"
                        + "{\"name\":\"email\",\"weight\":40,\"value\":\"email\"}]",
                    ""),
                "weights must sum to 100 %, got 90 %"),
            Map.entry(
                body(
                    "two-controls",
                    "touch-channel",
                    "[{\"name\":\"a\",\"weight\":50,\"control\":true},"
                        + "{\"name\":\"b\",\"weight\":50,\"control\":true}]",
                    ""),
                "exactly one must be the control, got 2"),
            Map.entry(
                body(
                    "bad-channel",
                    "touch-channel",
                    "[{\"name\":\"control\",\"weight\":50,\"control\":true},"
                        + "{\"name\":\"fax\",\"weight\":50,\"value\":\"fax\"}]",
                    ""),
                "arm 'fax': value 'fax' is not a channel"),
            Map.entry(
                body(
                    "bad-offer",
                    "offer",
                    "[{\"name\":\"control\",\"weight\":50,\"control\":true},"
                        + "{\"name\":\"x\",\"weight\":50,\"value\":\"NO_SUCH_OFFER\"}]",
                    ""),
                "value 'NO_SUCH_OFFER' is not an active offer"),
            Map.entry(
                body("bad-window", "touch-channel", ARMS, ",\"windowDays\":0"),
                "windowDays 0 must be 1 to 365"),
            Map.entry(
                body(
                    "bad-period",
                    "touch-channel",
                    ARMS,
                    ",\"startsAt\":\"2031-01-10T00:00:00Z\",\"endsAt\":\"2031-01-01T00:00:00Z\""),
                "endsAt 2031-01-01T00:00Z must be after startsAt 2031-01-10T00:00Z"),
            Map.entry("{\"key\":\"A\"}", "key 'A' must be 3 to 60"));
    cases.forEach(
        (request, problem) -> {
          ResponseEntity<String> refused = post("ops", "/api/experiments", request);
          assertThat(refused.getStatusCode()).as(problem).isEqualTo(HttpStatus.BAD_REQUEST);
          assertThat(refused.getBody()).as(problem).contains(problem);
        });
    assertThat(experiments.list())
        .noneMatch(e -> e.key().startsWith("bad-") || e.key().equals("two-controls"));
  }

  @Test
  void anExperimentOverlappingAnotherOnTheSameStepIsRefused() {
    String first =
        body(
            "proof-q1",
            "value-proof",
            "[{\"name\":\"control\",\"weight\":50,\"control\":true},"
                + "{\"name\":\"skip\",\"weight\":50,\"value\":\"skip\"}]",
            ",\"startsAt\":\"2040-01-01T00:00:00Z\",\"endsAt\":\"2040-04-01T00:00:00Z\"");
    assertThat(post("ops", "/api/experiments", first).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);

    ResponseEntity<String> overlapping =
        post(
            "ops",
            "/api/experiments",
            first
                .replace("proof-q1", "proof-feb")
                .replace("2040-01-01T00:00:00Z", "2040-02-01T00:00:00Z")
                .replace("2040-04-01T00:00:00Z", "2040-05-01T00:00:00Z"));
    assertThat(overlapping.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(overlapping.getBody())
        .contains("overlaps experiment 'proof-q1' on step expansion/value-proof");
    // the next quarter, and another step in the same quarter, are fine
    assertThat(
            post(
                    "ops",
                    "/api/experiments",
                    first
                        .replace("proof-q1", "proof-q2")
                        .replace("2040-01-01T00:00:00Z", "2040-04-01T00:00:00Z")
                        .replace("2040-04-01T00:00:00Z\"}", "2040-07-01T00:00:00Z\"}"))
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(
            post(
                    "ops",
                    "/api/experiments",
                    body(
                        "channel-q1",
                        "touch-channel",
                        ARMS,
                        ",\"startsAt\":\"2040-01-01T00:00:00Z\",\"endsAt\":\"2040-04-01T00:00:00Z\""))
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(experiments.get("proof-q1").state(OffsetDateTime.now(ZoneOffset.UTC)))
        .isEqualTo("scheduled");
  }
}
