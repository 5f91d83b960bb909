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

    // The stored signal rescored the account first; the journey's scoring step comes second.
    List<HealthScore> history = healthScores.history(healthy, 10);
    assertThat(history).hasSize(2);
    assertThat(history.get(1).trigger()).isEqualTo("signal:intent");
    HealthScore score = history.get(0);
    assertThat(score.trigger()).isEqualTo("journey");
    assertThat(score.journeyId()).isEqualTo(journey);
    assertThat(score.modelVersion()).isEqualTo(registry.configVersion());
    assertThat(score.stage()).isEqualTo("established");
    assertThat(score.health()).isGreaterThanOrEqualTo(65);
    assertThat(score.contributions()).extracting(Contribution::factor).contains("contract");
    assertThat(accounts.findById(healthy).orElseThrow().segment()).isEqualTo("high-potential");
    List<Decision> scoring =
        decisions.forAccount(healthy, 50).stream()
            .filter(d -> d.rule().startsWith("scoring:"))
            .filter(d -> journey.equals(d.journeyId()))
            .toList();
    assertThat(scoring).hasSize(1);
    assertThat(scoring.get(0).rule()).isEqualTo("scoring:" + registry.configVersion());
    assertThat(scoring.get(0).inputs()).containsKey("healthFactors");

    String atRisk = fixtures.atRiskAccount();
    signal(atRisk, "intent", Map.of("topic", "pricing_page"));
    awaitHistory(atRisk);
    HealthScore risky = healthScores.history(atRisk, 1).get(0);
    assertThat(risky.stage()).isEqualTo("onboarding");
    assertThat(risky.health()).isLessThan(40);
  }

  private void awaitHistory(String account) {
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(() -> !healthScores.history(account, 1).isEmpty());
  }
}
