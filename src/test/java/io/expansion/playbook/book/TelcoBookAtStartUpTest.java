package io.expansion.playbook.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestConstructor;

/**
 * The demo as a new user meets it: the app loads the Telco book at start-up and a whole-book run
 * right after gives every account its health, segment and next best action, so the at-risk list and
 * a CSM's queue are there without a single signal.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:book-telco;DB_CLOSE_DELAY=-1",
      "expansion.engine.embedded-port=0",
      "expansion.demo.load-book=true"
    })
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class TelcoBookAtStartUpTest {

  private static final int TELCO_ACCOUNTS = 7043;

  private final TestRestTemplate http;
  private final BookScoring scoring;
  private final JdbcClient jdbc;
  private final ObjectMapper json = new ObjectMapper();

  TelcoBookAtStartUpTest(TestRestTemplate http, BookScoring scoring, JdbcClient jdbc) {
    this.http = http.withBasicAuth("manager", "demo");
    this.scoring = scoring;
    this.jdbc = jdbc;
  }

  @Test
  void theDemoBookIsScoredSegmentedAndQueuedAfterStartUp() throws Exception {
    BookScoringRun run =
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    scoring.latest(5).stream()
                        .filter(r -> r.trigger().startsWith("import:"))
                        .filter(r -> r.state().equals(BookScoringRun.SUCCEEDED))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    LoggerFactory.getLogger(getClass())
        .info(
            "Telco book scored at start-up in {} ms: {} {}",
            run.durationMs(),
            run.segments(),
            run.actions());

    assertThat(run.accountsScored()).isEqualTo(TELCO_ACCOUNTS);
    assertThat(count("SELECT COUNT(*) FROM accounts WHERE segment IS NULL OR health IS NULL"))
        .isZero();
    assertThat(count("SELECT COUNT(*) FROM next_best_actions")).isEqualTo(TELCO_ACCOUNTS);
    JsonNode atRisk = get("/api/accounts?segment=at-risk&size=5");
    assertThat(atRisk.path("total").asInt()).isPositive().isEqualTo(run.segments().get("at-risk"));
    assertThat(atRisk.path("items")).hasSize(5);
    atRisk.path("items").forEach(a -> assertThat(a.path("health").asInt()).isLessThan(40));
    assertThat(run.segments().keySet())
        .containsExactlyInAnyOrder("at-risk", "high-potential", "low-fit", "stable-adopter");

    JsonNode queue = get("/api/queue?csm=csm-03");
    assertThat(queue.path("total").asInt())
        .isEqualTo(count("SELECT COUNT(*) FROM accounts WHERE owner_csm = 'csm-03'"));
    assertThat(queue.path("items")).hasSize(20);
    List<Double> scores = new ArrayList<>();
    queue.path("items").forEach(i -> scores.add(i.path("priorityScore").asDouble()));
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    queue
        .path("items")
        .forEach(
            i -> {
              assertThat(i.path("why").asText()).startsWith("priority ");
              assertThat(i.path("nextBestAction").path("reason").asText()).isNotBlank();
            });

    JsonNode churner = get("/api/accounts/TELCO-0005");
    assertThat(churner.path("segment").asText()).isEqualTo("at-risk");
    assertThat(churner.path("nextBestAction").path("code").asText()).isEqualTo("at-risk");
    assertThat(churner.path("nextBestAction").path("offerCode").isNull()).isTrue();
    assertThat(churner.path("healthScore").path("contributions").size()).isGreaterThan(5);
    assertThat(churner.path("segmentHistory").get(0).path("source").asText())
        .isEqualTo("book-scoring");
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private JsonNode get(String url) throws Exception {
    return json.readTree(http.getForObject(url, String.class));
  }
}
