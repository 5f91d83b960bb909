package io.expansion.playbook.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.decisions.Decision;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.scoring.BulkScoring;
import io.expansion.playbook.scoring.Contribution;
import io.expansion.playbook.scoring.HealthHistory.HealthScore;
import io.expansion.playbook.scoring.HealthScores;
import io.expansion.playbook.segmentation.SegmentHistory;
import io.expansion.playbook.segmentation.SegmentationDecision;
import io.expansion.playbook.support.Fixtures;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/**
 * Whole-book scoring runs the journey's scoring and the deployed segmentation decision: the same
 * health, contributions and segment as a journey for the same account, counts that add up, and a
 * segment history row and a decision for every change (and none without one).
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class BookScoringTest extends BookTestBase {

  private final HealthScores healthScores;
  private final BulkScoring bulk;
  private final SegmentHistory segmentHistory;
  private final SegmentationDecision segmentation;
  private final CamundaClient client;
  private final ObjectMapper json = new ObjectMapper();

  BookScoringTest(ApplicationContext context) {
    super(context);
    this.healthScores = context.getBean(HealthScores.class);
    this.bulk = context.getBean(BulkScoring.class);
    this.segmentHistory = context.getBean(SegmentHistory.class);
    this.segmentation = context.getBean(SegmentationDecision.class);
    this.client = context.getBean(CamundaClient.class);
  }

  @Test
  void aRunFindsExactlyWhatTheJourneyScoredAndSegmented() throws Exception {
    awaitRunsDone();
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journeyId = signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
    awaitTask(account, ExpansionJourney.CSM_OUTREACH);
    HealthScore journeyScore = healthScores.history(account, 1).getFirst();
    Decision journeySegment = decision(account, "segmentation.dmn");
    assertThat(journeySegment.journeyId()).isEqualTo(journeyId);
    @SuppressWarnings("unchecked")
    Map<String, Object> journeyScores =
        (Map<String, Object>)
            json.readValue(journeys.find(journeyId).orElseThrow().variables(), Map.class)
                .get("scores");

    BookScoringRun run = scoring.runNow("test", null);

    assertThat(run.state()).isEqualTo(BookScoringRun.SUCCEEDED);
    // the run computed the same health and points per factor: it stored no second scoring
    assertThat(healthScores.history(account, 10)).containsExactly(journeyScore);
    Account stored = accounts.findById(account).orElseThrow();
    assertThat(stored.segment()).isEqualTo(journeySegment.outcome());
    assertThat(segmentHistory.forAccount(account, 10))
        .extracting(SegmentHistory.Change::source)
        .containsExactly(SegmentHistory.JOURNEY);
    // the book's own computation, contribution by contribution, and its scores
    BulkScoring.Scored book =
        bulk.score(
                List.of(stored),
                accountPages.productsBetween(account, account),
                bulk.activeModel(),
                OffsetDateTime.now())
            .getFirst();
    assertThat(comparable(book.health().contributions()))
        .isEqualTo(comparable(journeyScore.contributions()));
    assertThat(book.scores().health()).isEqualTo(journeyScores.get("health"));
    assertThat(book.scores().valueScore()).isEqualTo(journeyScores.get("valueScore"));
    assertThat(book.scores().usageScore()).isEqualTo(journeyScores.get("usageScore"));
    assertThat(book.scores().intentScore()).isEqualTo(journeyScores.get("intentScore"));
    assertThat(book.scores().healthFactors()).isEqualTo(journeyScores.get("healthFactors"));
    NextBestAction action = actions.find(account).orElseThrow();
    assertThat(action.scoringId()).isEqualTo(run.id());
    assertThat(action.segment()).isEqualTo(journeySegment.outcome());
    assertThat(action.health()).isEqualTo(journeyScore.health());
  }

  @Test
  void theJourneysScoringStepFindsNothingChangedSinceTheRunsScoring() {
    awaitRunsDone();
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));

    BookScoringRun run = scoring.runNow("test", null);

    HealthScore bookRow = healthScores.history(account, 1).getFirst();
    assertThat(bookRow.trigger()).isEqualTo("book:" + run.id());
    assertThat(bookRow.previousHealth()).isNull();
    HealthScores.Rescored step =
        healthScores.rescoreForJourney(account, "j-" + account, "j-" + account + ":1:scoring");
    assertThat(step.recorded()).isFalse();
    assertThat(step.health().points()).isEqualTo(points(bookRow.contributions()));
    assertThat(step.health().health()).isEqualTo(bookRow.health());
    assertThat(step.health().stage()).isEqualTo(bookRow.stage());
    assertThat(comparable(step.health().contributions()))
        .isEqualTo(comparable(bookRow.contributions()));
    assertThat(decisionLog(account))
        .anySatisfy(
            d ->
                assertThat(d.inputs().get("trigger"))
                    .isEqualTo(
                        "journey (unchanged since health score #"
                            + bookRow.id()
                            + ", book:"
                            + run.id()
                            + ")"));
  }

  @Test
  void theInProcessSegmentationDecidesAsTheEnginesDeployedDecision() throws Exception {
    for (int health : new int[] {0, 39, 40, 64, 65, 100}) {
      for (int value : new int[] {0, 24, 25, 40}) {
        for (int usage : new int[] {0, 34, 35, 60}) {
          for (int intent : new int[] {0, 49, 50}) {
            Map<String, Object> scores = new HashMap<>();
            scores.put("health", health);
            scores.put("valueScore", value);
            scores.put("usageScore", usage);
            scores.put("intentScore", intent);
            JsonNode engine =
                json.readTree(
                    client
                        .newEvaluateDecisionCommand()
                        .decisionId(SegmentationDecision.DECISION_ID)
                        .variables(Map.of("scores", scores))
                        .send()
                        .join()
                        .getDecisionOutput());
            SegmentationDecision.Segment local =
                segmentation.evaluate(health, value, usage, intent);
            assertThat(local.segment())
                .as("segment for %s", scores)
                .isEqualTo(engine.path("segment").asText());
            assertThat(local.rationale()).isEqualTo(engine.path("rationale").asText());
          }
        }
      }
    }
    assertThat(segmentation.segments())
        .containsExactly("high-potential", "stable-adopter", "at-risk", "low-fit");
  }

  @Test
  void aRunsCountsAddUpToTheBook() {
    awaitRunsDone();
    fixtures.healthyAccount(Fixtures.allChannels(true));
    fixtures.atRiskAccount();
    fixtures.healthyAccount(Fixtures.allChannels(false));

    BookScoringRun run = scoring.runNow("test", null);

    long total = accountCount();
    assertThat(run.accountsTotal()).isEqualTo(total);
    assertThat(run.accountsScored()).isEqualTo(total);
    assertThat(run.progress()).isEqualTo(1.0);
    assertThat(run.durationMs()).isNotNegative();
    assertThat(run.finishedAt()).isAfterOrEqualTo(run.startedAt());
    Map<String, Integer> bySegment = new HashMap<>();
    jdbc.sql("SELECT segment, COUNT(*) FROM accounts GROUP BY segment")
        .query(
            rs -> {
              bySegment.put(rs.getString(1), rs.getInt(2));
            });
    assertThat(run.segments()).isEqualTo(bySegment);
    assertThat(run.segments()).containsKeys("at-risk", "stable-adopter");
    Map<String, Integer> byAction = new HashMap<>();
    jdbc.sql("SELECT code, COUNT(*) FROM next_best_actions WHERE scoring_id = ? GROUP BY code")
        .param(run.id())
        .query(
            rs -> {
              byAction.put(rs.getString(1), rs.getInt(2));
            });
    assertThat(run.actions()).isEqualTo(byAction);
    assertThat(byAction.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
    assertThat(run.modelVersion()).startsWith("config-");
    assertThat(run.segmentationHash()).isEqualTo(segmentation.hash());
  }

  @Test
  void aSegmentChangeWritesHistoryAndADecisionAndNoChangeWritesNothing() {
    awaitRunsDone();
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    BookScoringRun first = scoring.runNow("test", null);
    List<SegmentHistory.Change> initial = segmentHistory.forAccount(account, 10);
    assertThat(initial).hasSize(1);
    assertThat(initial.getFirst().previousSegment()).isNull();
    assertThat(initial.getFirst().source()).isEqualTo(SegmentHistory.BOOK_SCORING);
    assertThat(initial.getFirst().scoringId()).isEqualTo(first.id());
    String before = initial.getFirst().segment();
    assertThat(before).isEqualTo(accounts.findById(account).orElseThrow().segment());

    BookScoringRun unchanged = scoring.runNow("test", null);
    assertThat(unchanged.segmentChanged()).isZero();
    assertThat(unchanged.healthChanged()).isZero();
    assertThat(segmentHistory.forAccount(account, 10)).hasSize(1);
    assertThat(healthScores.history(account, 10)).hasSize(1);

    // the account turns into a month-old month-to-month fibre customer paying by electronic check
    jdbc.sql(
            "UPDATE accounts SET contract_type = 'month-to-month', tenure_months = 1, attributes ="
                + " '{\"payment_method\":\"Electronic check\"}' WHERE id = ?")
        .param(account)
        .update();
    jdbc.sql("DELETE FROM account_products WHERE account_id = ?").param(account).update();
    for (String product : List.of("PHONE", "INTERNET_FIBER", "CONTRACT_MONTHLY")) {
      jdbc.sql(
              "INSERT INTO account_products (account_id, product_code, since) VALUES (?, ?,"
                  + " CURRENT_TIMESTAMP)")
          .params(account, product)
          .update();
    }
    BookScoringRun changed = scoring.runNow("test", null);

    assertThat(changed.segmentChanged()).isEqualTo(1);
    assertThat(changed.healthChanged()).isEqualTo(1);
    List<SegmentHistory.Change> history = segmentHistory.forAccount(account, 10);
    assertThat(history).hasSize(2);
    SegmentHistory.Change change = history.getFirst();
    assertThat(change.previousSegment()).isEqualTo(before);
    assertThat(change.segment()).isEqualTo("at-risk");
    assertThat(change.scoringId()).isEqualTo(changed.id());
    assertThat(change.health()).isLessThan(40);
    assertThat(change.rationale()).contains("Health below 40");
    assertThat(accounts.findById(account).orElseThrow().segment()).isEqualTo("at-risk");
    List<Decision> segmentations =
        decisionLog(account).stream().filter(d -> d.rule().equals("segmentation.dmn")).toList();
    assertThat(segmentations).hasSize(2);
    assertThat(segmentations.getFirst().outcome()).isEqualTo("at-risk");
    assertThat(segmentations.getFirst().rationale())
        .contains(changed.id(), before + " -> at-risk", "Health below 40");
    assertThat(segmentations.getFirst().inputs()).containsEntry("previousSegment", before);
    HealthScore rescored = healthScores.history(account, 1).getFirst();
    assertThat(rescored.previousHealth())
        .isEqualTo(healthScores.history(account, 2).get(1).health());
    assertThat(rescored.trigger()).isEqualTo("book:" + changed.id());
    NextBestAction action = actions.find(account).orElseThrow();
    assertThat(action.code()).isEqualTo("at-risk");
    assertThat(action.offerCode()).isNull();
    assertThat(action.reason()).contains("at-risk", "retention comes first");
  }

  /** Contributions with their inputs as text (JSON turns a decimal input into a double). */
  private static List<String> comparable(List<Contribution> contributions) {
    return contributions.stream()
        .map(
            c ->
                String.join(
                    "|",
                    c.factor(),
                    c.group(),
                    c.input() instanceof Number n
                        ? new java.math.BigDecimal(n.toString())
                            .stripTrailingZeros()
                            .toPlainString()
                        : String.valueOf(c.input()),
                    String.valueOf(c.weight()),
                    String.valueOf(c.bin()),
                    String.valueOf(c.points()),
                    c.source()))
        .toList();
  }

  private static Map<String, Integer> points(List<Contribution> contributions) {
    Map<String, Integer> points = new java.util.LinkedHashMap<>();
    contributions.forEach(c -> points.merge(c.factor(), c.points(), Integer::sum));
    return points;
  }
}
