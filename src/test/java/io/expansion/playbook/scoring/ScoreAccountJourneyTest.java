package io.expansion.playbook.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.decisions.Decision;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.scoring.HealthHistory.HealthScore;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/** The journey's score-account step scores through HealthScores and records what it used. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ScoreAccountJourneyTest extends JourneyTestBase {

  private final HealthScores healthScores;
  private final ModelRegistry registry;

  ScoreAccountJourneyTest(ApplicationContext context) {
    super(context);
    this.healthScores = context.getBean(HealthScores.class);
    this.registry = context.getBean(ModelRegistry.class);
  }

  @Test
  void journeyScoringStoresHistoryAndADecisionNamingTheModelVersion() {
    String healthy = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = signal(healthy, "intent", Map.of("topic", "pricing_page")).journeyId();
    awaitTask(healthy, ExpansionJourney.CSM_OUTREACH);

    // The stored signal rescored the account; the journey's scoring step found nothing changed
    // since, so it stored no second history row and its decision names the row it relied on.
    List<HealthScore> history = healthScores.history(healthy, 10);
    assertThat(history).hasSize(1);
    HealthScore score = history.get(0);
    assertThat(score.trigger()).isEqualTo("signal:intent");
    assertThat(score.modelVersion()).isEqualTo(registry.configVersion());
    assertThat(score.stage()).isEqualTo("established");
    assertThat(score.health()).isGreaterThanOrEqualTo(65);
    assertThat(score.contributions()).extracting(Contribution::factor).contains("contract");
    assertThat(accounts.findById(healthy).orElseThrow().segment()).isEqualTo("high-potential");
    List<Decision> scoring = journeyScoring(healthy, journey);
    assertThat(scoring).hasSize(1);
    assertThat(scoring.get(0).rule()).isEqualTo("scoring:" + registry.configVersion());
    assertThat(scoring.get(0).outcome()).isEqualTo("health " + score.health());
    assertThat(scoring.get(0).inputs()).containsKey("healthFactors");
    assertThat(scoring.get(0).inputs().get("trigger"))
        .isEqualTo("journey (unchanged since health score #" + score.id() + ", signal:intent)");

    String atRisk = fixtures.atRiskAccount();
    signal(atRisk, "intent", Map.of("topic", "pricing_page"));
    awaitHistory(atRisk);
    HealthScore risky = healthScores.history(atRisk, 1).get(0);
    assertThat(risky.stage()).isEqualTo("onboarding");
    assertThat(risky.health()).isLessThan(40);
  }

  @Test
  void aJourneyStoresItsOwnScoringWhenSomethingChangedOrTheLatestIsOld() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    HealthScores.Rescored first = healthScores.rescore(account, "api", null);
    assertThat(first.recorded()).isTrue();

    // nothing changed: no row, no account update, but a decision for the journey
    HealthScores.Rescored same = healthScores.rescoreForJourney(account, "j-same", "j-same:1");
    assertThat(same.recorded()).isFalse();
    assertThat(same.scores().health()).isEqualTo(first.scores().health());
    assertThat(healthScores.history(account, 10)).hasSize(1);
    assertThat(journeyScoring(account, "j-same")).hasSize(1);

    // an input changed (a support case the signal path did not score): a row of its own
    jdbc.sql(
            "INSERT INTO signals (account_id, type, occurred_at, received_at, attributes,"
                + " idempotency_key, routing) VALUES (?, 'support_case_opened', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP, '{\"caseId\":\"C-1\",\"priority\":\"P1\"}', ?,"
                + " 'stored')")
        .params(account, account + "-case")
        .update();
    HealthScores.Rescored changed =
        healthScores.rescoreForJourney(account, "j-changed", "j-changed:1");
    assertThat(changed.recorded()).isTrue();
    assertThat(changed.health().points()).isNotEqualTo(first.health().points());
    HealthScore latest = healthScores.history(account, 1).get(0);
    assertThat(latest.trigger()).isEqualTo("journey");
    assertThat(latest.journeyId()).isEqualTo("j-changed");

    // unchanged but older than the reuse window: a fresh row keeps the plays' windows filled
    jdbc.sql("UPDATE health_scores SET scored_at = ? WHERE id = ?")
        .params(
            java.time.OffsetDateTime.now().minus(HealthScores.UNCHANGED_WITHIN).minusMinutes(1),
            latest.id())
        .update();
    HealthScores.Rescored old = healthScores.rescoreForJourney(account, "j-old", "j-old:1");
    assertThat(old.recorded()).isTrue();
    assertThat(healthScores.history(account, 10)).hasSize(3);
  }

  private List<Decision> journeyScoring(String account, String journeyId) {
    return decisions.forAccount(account, 50).stream()
        .filter(d -> d.rule().startsWith("scoring:"))
        .filter(d -> journeyId.equals(d.journeyId()))
        .toList();
  }

  private void awaitHistory(String account) {
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(() -> !healthScores.history(account, 1).isEmpty());
  }
}
