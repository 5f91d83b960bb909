package io.expansion.playbook.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.engine.ModelDeployer.ModelsDeployed;
import io.expansion.playbook.scoring.BulkScoring;
import io.expansion.playbook.scoring.HealthHistory.HealthScore;
import io.expansion.playbook.scoring.HealthScores;
import io.expansion.playbook.scoring.ModelRegistry;
import io.expansion.playbook.segmentation.SegmentHistory;
import io.expansion.playbook.support.Fixtures;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * When runs happen (the API, an import, a model activation, a changed segmentation DMN) and that a
 * run and journeys scoring the same accounts at the same time leave every account consistent.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class BookScoringTriggersTest extends BookTestBase {

  private final TestRestTemplate http;
  private final HealthScores healthScores;
  private final BulkScoring bulk;
  private final ModelRegistry registry;
  private final SegmentHistory segmentHistory;
  private final BookScoringTriggers triggers;
  private final ObjectMapper json = new ObjectMapper();

  BookScoringTriggersTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("ops", "demo");
    this.healthScores = context.getBean(HealthScores.class);
    this.bulk = context.getBean(BulkScoring.class);
    this.registry = context.getBean(ModelRegistry.class);
    this.segmentHistory = context.getBean(SegmentHistory.class);
    this.triggers = context.getBean(BookScoringTriggers.class);
  }

  @Test
  void aRunRequestedOverHttpIsTrackedToTheEnd() throws Exception {
    awaitRunsDone();
    fixtures.healthyAccount(Fixtures.allChannels(true));

    ResponseEntity<String> posted = http.postForEntity("/api/book/scorings", null, String.class);

    assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode submitted = json.readTree(posted.getBody());
    String id = submitted.path("id").asText();
    assertThat(submitted.path("status").asText()).isEqualTo("/api/book/scorings/" + id);
    assertThat(submitted.path("trigger").asText()).isEqualTo("api");
    JsonNode run =
        await()
            .atMost(WAIT)
            .until(
                () -> json.readTree(http.getForObject("/api/book/scorings/" + id, String.class)),
                r -> r.path("state").asText().equals("SUCCEEDED"));
    assertThat(run.path("progress").asDouble()).isEqualTo(1.0);
    assertThat(run.path("accountsScored").asLong()).isEqualTo(accountCount());
    assertThat(run.path("segments").size()).isPositive();
    assertThat(run.path("actions").size()).isPositive();
    assertThat(run.path("durationMs").asLong()).isNotNegative();
    JsonNode latest = json.readTree(http.getForObject("/api/book/scorings?limit=5", String.class));
    assertThat(latest.get(0).path("id").asText()).isEqualTo(id);
    assertThat(http.getForEntity("/api/book/scorings/nope", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> limit = http.getForEntity("/api/book/scorings?limit=0", String.class);
    assertThat(limit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(limit.getBody()).contains("limit");
  }

  @Test
  void anImportIsFollowedByARunThatScoresItsAccounts() throws Exception {
    awaitRunsDone();
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new ClassPathResource("books/telco-sample.csv"));
    parts.add("mapping", "telco");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<String> submitted =
        http.postForEntity("/api/imports", new HttpEntity<>(parts, headers), String.class);
    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String importId = json.readTree(submitted.getBody()).path("id").asText();

    BookScoringRun run = awaitRun(r -> r.trigger().equals("import:" + importId));

    assertThat(run.state()).isEqualTo(BookScoringRun.SUCCEEDED);
    assertThat(accounts.findById("TELCO-0005").orElseThrow().segment()).isNotNull();
    assertThat(actions.find("TELCO-0005")).isPresent();
  }

  @Test
  void activatingAScoringModelRescoresTheBookWithIt() {
    awaitRunsDone();
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String config = registry.configVersion();
    jdbc.sql(
            "INSERT INTO scoring_models (version, kind, created_at, definition, metrics, active)"
                + " SELECT 'config-copy', kind, created_at, definition, metrics, FALSE"
                + " FROM scoring_models WHERE version = ?"
                + " AND NOT EXISTS (SELECT 1 FROM scoring_models WHERE version = 'config-copy')")
        .param(config)
        .update();
    try {
      assertThat(
              http.postForEntity("/api/scoring/models/config-copy/activate", null, String.class)
                  .getStatusCode())
          .isEqualTo(HttpStatus.OK);

      BookScoringRun run = awaitRun(r -> r.trigger().equals("model:config-copy"));

      assertThat(run.modelVersion()).isEqualTo("config-copy");
      assertThat(run.healthChanged()).isEqualTo(accountCount()); // every scoring names the model
      assertThat(healthScores.history(account, 1).getFirst().modelVersion())
          .isEqualTo("config-copy");
    } finally {
      http.postForEntity("/api/scoring/models/" + config + "/activate", null, String.class);
      awaitRun(r -> r.trigger().equals("model:" + config));
    }
  }

  @Test
  void aChangedSegmentationDecisionAsksForARunAndAnUnchangedOneDoesNot() {
    awaitRunsDone();
    BookScoringRun last = scoring.runNow("test", null);
    triggers.onModelsDeployed(new ModelsDeployed(1));
    assertThat(scoring.latest(1).getFirst().id()).isEqualTo(last.id());

    jdbc.sql("UPDATE book_scorings SET segmentation_hash = 'an-older-decision' WHERE id = ?")
        .param(last.id())
        .update();
    triggers.onModelsDeployed(new ModelsDeployed(2));

    BookScoringRun rerun = awaitRun(r -> r.trigger().equals("segmentation-deployed"));
    assertThat(rerun.segmentationHash()).isNotEqualTo("an-older-decision");
  }

  @Test
  void runsAndJourneysScoringTheSameAccountsAtOnceLeaveThemConsistent() throws Exception {
    awaitRunsDone();
    List<String> contended = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      contended.add(fixtures.healthyAccount(Fixtures.allChannels(true)));
    }
    CompletableFuture<Void> runs =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 4; i++) {
                assertThat(scoring.runNow("concurrent", null).state())
                    .isEqualTo(BookScoringRun.SUCCEEDED);
              }
            });
    for (int round = 0; round < 4; round++) {
      for (String account : contended) {
        signal(account, "nps_response", Map.of("score", round % 2 == 0 ? 0 : 10));
        signal(account, "intent", Map.of("topic", "pricing_page"));
      }
    }
    runs.get(2, TimeUnit.MINUTES);

    for (String account : contended) {
      List<HealthScore> history = healthScores.history(account, 100).reversed();
      assertThat(history).hasSizeGreaterThan(1);
      for (int i = 1; i < history.size(); i++) {
        assertThat(history.get(i).previousHealth())
            .as("%s: scoring #%d saw the one before it", account, history.get(i).id())
            .isEqualTo(history.get(i - 1).health());
      }
      var stored = accounts.findById(account).orElseThrow();
      assertThat(stored.health()).isEqualTo(history.getLast().health());
      var fresh =
          bulk.score(
                  List.of(stored),
                  accountPages.productsBetween(account, account),
                  bulk.activeModel(),
                  OffsetDateTime.now())
              .getFirst();
      assertThat(stored.health())
          .as("the stored health is the current inputs'")
          .isEqualTo(fresh.scores().health());
      assertThat(stored.intentScore()).isEqualTo(fresh.scores().intentScore());
      List<SegmentHistory.Change> segments = segmentHistory.forAccount(account, 100).reversed();
      for (int i = 1; i < segments.size(); i++) {
        assertThat(segments.get(i).previousSegment()).isEqualTo(segments.get(i - 1).segment());
      }
      assertThat(segments.getLast().segment()).isEqualTo(stored.segment());
    }
  }

  private BookScoringRun awaitRun(Predicate<BookScoringRun> which) {
    return await()
        .atMost(WAIT.multipliedBy(3))
        .pollInSameThread()
        .until(
            () ->
                scoring.latest(20).stream()
                    .filter(which)
                    .filter(r -> r.state().equals(BookScoringRun.SUCCEEDED))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }
}
