package io.expansion.playbook.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.decisions.DecisionLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Calibrates on the whole Telco book (the demo copy, loaded at start-up) over HTTP, and checks that
 * versions are stored and that activating one changes later scorings and their records.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:calibration;DB_CLOSE_DELAY=-1",
      "expansion.engine.embedded-port=0",
      "expansion.demo.load-book=true"
    })
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RecordApplicationEvents
class TelcoCalibrationTest {

  /** Plain logistic regression on the raw columns reaches this on a 30 % hold-out. */
  private static final double REFERENCE_AUC = 0.846;

  private final TestRestTemplate http;
  private final DecisionLog decisions;
  private final HealthScores healthScores;
  private final ObjectMapper json = new ObjectMapper();

  TelcoCalibrationTest(TestRestTemplate http, DecisionLog decisions, HealthScores healthScores) {
    this.http = http;
    this.decisions = decisions;
    this.healthScores = healthScores;
  }

  @Test
  @Order(1)
  void calibrationOnTheTelcoBookBeatsPlainLogisticRegressionOnTheHoldOut() throws Exception {
    ResponseEntity<String> response =
        http.postForEntity("/api/scoring/calibrations", null, String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = json.readTree(response.getBody());
    JsonNode metrics = body.path("metrics");
    assertThat(body.path("version").asText()).startsWith("calibrated-");
    assertThat(body.path("active").asBoolean()).isFalse();
    assertThat(metrics.path("rows").asInt()).isEqualTo(7043);
    assertThat(metrics.path("holdoutRows").asInt()).isBetween(2100, 2120);
    assertThat(metrics.path("churnRate").asDouble()).isBetween(0.26, 0.27);
    assertThat(metrics.path("holdoutAuc").asDouble()).isGreaterThan(REFERENCE_AUC);
    assertThat(metrics.path("trainAuc").asDouble()).isGreaterThan(0.84);
    List<String> factors = new ArrayList<>();
    metrics.path("factors").forEach(f -> factors.add(f.asText()));
    assertThat(factors)
        .contains("contract_type", "tenure_months", "attributes.payment_method")
        .noneMatch(f -> f.contains("female") || f.contains("senior") || f.contains("partner"));
    List<String> constant = new ArrayList<>();
    metrics.path("factorsWithoutVariance").forEach(f -> constant.add(f.asText()));
    assertThat(constant).contains("nps", "champion_left");
    System.getProperties(); // keep the metrics in the test report
    org.slf4j.LoggerFactory.getLogger(getClass()).info("Telco calibration: {}", metrics);
  }
}
