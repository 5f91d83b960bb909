package io.expansion.playbook.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Generality: a book of another layout (the classic telecom churn data: minutes, calls and charges
 * per time of day, calls to customer service), imported over HTTP through a mapping written as a
 * new user would. The engine's own calibration must beat plain logistic regression on the same
 * split by a clear margin, find the total charge on its own, and explain every score factor by
 * factor — also after a restart.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:second-book;DB_CLOSE_DELAY=-1",
      "expansion.engine.embedded-port=0",
      "expansion.demo.load-book=false"
    })
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class SecondBookCalibrationTest {

  private final TestRestTemplate http;
  private final TestRestTemplate manager;
  private final DecisionLog decisions;
  private final ScoringModels models;
  private final ScoringProperties properties;
  private final PlatformTransactionManager transactions;
  private final HealthScores healthScores;
  private final Accounts accounts;
  private final ObjectMapper appJson;
  private final ObjectMapper json = new ObjectMapper();

  SecondBookCalibrationTest(
      TestRestTemplate http,
      ScoringModels models,
      ScoringProperties properties,
      PlatformTransactionManager transactions,
      HealthScores healthScores,
      Accounts accounts,
      ObjectMapper appJson,
      DecisionLog decisions) {
    this.http = http.withBasicAuth("ops", "demo"); // imports, calibration, models
    this.manager = http.withBasicAuth("manager", "demo"); // rescoring accounts
    this.decisions = decisions;
    this.accounts = accounts;
    this.appJson = appJson;
    this.models = models;
    this.properties = properties;
    this.transactions = transactions;
    this.healthScores = healthScores;
  }

  @Test
  void theEnginesCalibrationBeatsPlainLogisticRegressionAndExplainsEachScore() throws Exception {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new ClassPathResource("books/mlc-churn.csv"));
    parts.add("mappingFile", new ClassPathResource("mappings/mlc-churn.yml"));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<String> submitted =
        http.postForEntity("/api/imports", new HttpEntity<>(parts, headers), String.class);
    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String run = json.readTree(submitted.getBody()).path("id").asText();
    JsonNode status =
        await()
            .atMost(Duration.ofMinutes(2))
            .until(
                () -> json.readTree(http.getForObject("/api/imports/" + run, String.class)),
                s -> !s.path("state").asText().matches("QUEUED|RUNNING"));
    assertThat(status.path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(status.path("imported").asInt()).isEqualTo(5000);

    ResponseEntity<String> calibrated =
        http.postForEntity("/api/scoring/calibrations?activate=true", null, String.class);
    assertThat(calibrated.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = json.readTree(calibrated.getBody());
    JsonNode m = body.path("metrics");
    org.slf4j.LoggerFactory.getLogger(getClass()).info("Second book calibration: {}", m);
    assertThat(m.path("rows").asInt()).isEqualTo(5000);
    assertThat(m.path("modelType").asText()).isEqualTo("gbt");
    assertThat(m.path("requestedType").asText()).isEqualTo("auto");
    double holdout = m.path("holdoutAuc").asDouble();
    double reference = m.path("referenceHoldoutAuc").asDouble();
    assertThat(holdout).isGreaterThan(reference + 0.05).isGreaterThan(0.88);
    assertThat(m.path("cvAuc").path("gbt").asDouble())
        .isGreaterThan(m.path("cvAuc").path("scorecard").asDouble());
    List<String> derived = new ArrayList<>();
    m.path("derivedFactors").forEach(d -> derived.add(d.asText()));
    assertThat(derived).contains("total charge = day + eve + intl + night charge");
    assertThat(
            m.path("gbt").path("monotone").path("attributes.number_customer_service_calls").asInt())
        .isEqualTo(1);
    List<String> factors = new ArrayList<>();
    m.path("factors").forEach(f -> factors.add(f.asText()));
    assertThat(factors).contains("total charge", "attributes.number_customer_service_calls");

    String version = body.path("version").asText();
    JsonNode stored =
        json.readTree(http.getForObject("/api/scoring/models/" + version, String.class));
    assertThat(stored.path("definition").path("type").asText()).isEqualTo("gbt");
    assertThat(stored.path("definition").path("gbt").path("columns").size()).isGreaterThan(15);
    assertThat(stored.toString()).doesNotContain("artifact"); // the booster stays in its column

    // a heavy day-time caller with many service calls: explained factor by factor
    for (String account : List.of("MLC-0011", "MLC-0016", "MLC-0022", "MLC-0100")) {
      JsonNode score =
          json.readTree(
              manager.postForObject(
                  "/api/accounts/" + account + "/health-scores", null, String.class));
      assertThat(score.path("modelVersion").asText()).isEqualTo(version);
      int sum = 0;
      for (JsonNode c : score.path("contributions")) {
        sum += c.path("points").asInt();
      }
      assertThat(score.path("health").asInt()).isEqualTo(Math.max(0, Math.min(100, sum)));
      assertThat(score.path("contributions").findValuesAsText("factor"))
          .contains("baseline", "total charge", "attributes.number_customer_service_calls");
    }

    // after a restart the registry loads the stored booster and scores the same
    HealthScores.Rescored now = healthScores.rescore("MLC-0016", "test", null);
    ModelRegistry restarted =
        new ModelRegistry(
            models, properties, appJson, decisions, Clock.systemUTC(), event -> {}, transactions);
    FittedModel reloaded = restarted.model(version);
    assertThat(reloaded).isInstanceOf(GbtModel.class);
    AccountSnapshot snapshot =
        healthScores.snapshot(accounts.findById("MLC-0016").orElseThrow(), OffsetDateTime.now());
    HealthModel.Result again =
        HealthModel.calibrated(
            snapshot,
            now.health().stage(),
            properties.stages().of(now.health().stage()),
            version,
            reloaded,
            ProfileFeatures.normalised(properties.calibration().protectedAttributes()));
    assertThat(again.contributions()).isEqualTo(now.health().contributions());
  }
}
