package io.expansion.playbook.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.support.JourneyTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * POST /api/simulations on the running app: ops starts a run, which plays in a context and database
 * of its own (the app's accounts stay as they were); bad input is a 400 naming it; only ops may
 * start, leader / ops / manager read.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class SimulationApiTest extends JourneyTestBase {

  private final TestRestTemplate ops;
  private final TestRestTemplate leader;
  private final TestRestTemplate csm;
  private final ObjectMapper json = new ObjectMapper();

  SimulationApiTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.ops = http.withBasicAuth("ops", "demo");
    this.leader = http.withBasicAuth("leader", "demo");
    this.csm = http.withBasicAuth("csm-01", "demo");
  }

  @Test
  void badInputIsA400NamingIt() throws Exception {
    assertBadRequest(Map.of("days", 0), "Field 'days' must be between 1 and 365, not 0");
    assertBadRequest(Map.of("days", 366), "Field 'days' must be between 1 and 365, not 366");
    assertBadRequest(Map.of("seed", 1), "Field 'days' is required (1..365)");
    assertBadRequest(
        Map.of("days", 5, "settings", java.util.List.of("baseline", "cheap-offers")),
        "Unknown setting 'cheap-offers'; expected one of [baseline, no-quiet-hours,"
            + " strict-offers]");
    assertBadRequest(
        Map.of("days", 5, "accountShare", 2), "Field 'accountShare' must be above 0 and at most 1");
  }

  @Test
  void onlyOpsStartsAndAnUnknownRunIs404() {
    assertThat(
            csm.postForEntity("/api/simulations", Map.of("days", 1), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            leader
                .postForEntity("/api/simulations", Map.of("days", 1), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(leader.getForEntity("/api/simulations/nope", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aRunPlaysOnItsOwnDatabaseAndReportsKpisExperimentsAndHoldout() throws Exception {
    long accountsBefore = accountCount();
    ResponseEntity<String> started =
        ops.postForEntity(
            "/api/simulations", Map.of("days", 2, "seed", 3, "accountShare", 0.01), String.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String status = started.getHeaders().getLocation().toString();
    assertThat(json.readTree(started.getBody()).get("statusUrl").asText()).isEqualTo(status);

    JsonNode done =
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> json.readTree(leader.getForObject(status, String.class)),
                run ->
                    !"QUEUED".equals(run.get("state").asText())
                        && !"RUNNING".equals(run.get("state").asText()));
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.at("/progress/daysDone").asInt()).isEqualTo(2);
    JsonNode result = done.get("results").get(0);
    assertThat(result.get("setting").asText()).isEqualTo("baseline");
    assertThat(result.at("/kpis/kpis")).isNotEmpty();
    assertThat(result.at("/experiments/0/key").asText()).isEqualTo("sim-offer-uplift");
    assertThat(result.at("/holdout/accounts").isInt()).isTrue();
    assertThat(result.at("/activity/signals").asLong()).isPositive();
    assertThat(accountCount()).as("the app's own database is untouched").isEqualTo(accountsBefore);
  }

  private long accountCount() {
    return jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single();
  }

  private void assertBadRequest(Map<String, Object> body, String message) throws Exception {
    ResponseEntity<String> response = ops.postForEntity("/api/simulations", body, String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(response.getBody()).get("message").asText()).startsWith(message);
  }
}
