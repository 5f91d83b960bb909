package io.expansion.playbook.plays;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/** Plays and the expansion loop never fight over one account: retention wins. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class PlayArbitrationTest extends PlaysTestBase {

  PlayArbitrationTest(ApplicationContext context) {
    super(context);
  }

  @Test
  void theExpansionLoopYieldsWhileRemediationHoldsTheAccount() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    triggers.healthScored(account, 80, 60, "config-test", "arb-" + account);
    activeJourney(account, Play.HEALTH_REMEDIATION);

    String expansion = signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();

    awaitAt(expansion, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(expansion))
        .containsSubsequence("Task_CheckEligibility", "Task_ArbitratePlay", "Gateway_PlayGranted")
        .doesNotContain("Task_CheckConsent", "Task_SendTouch");
    assertThat(decisionLog(account))
        .anySatisfy(
            d -> {
              assertThat(d.rule()).isEqualTo("arbitration");
              assertThat(d.journeyId()).isEqualTo(expansion);
              assertThat(d.outcome()).isEqualTo("yields to health-remediation");
              assertThat(d.rationale()).contains("retention");
            });
    assertThat(touches(account, "expansion")).isZero();
  }

  @Test
  void aLowerPriorityPlayIsDroppedWithItsReasonWhileRetentionRuns() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    triggers.healthScored(account, 90, 70, "config-test", "arb2-" + account);
    activeJourney(account, Play.HEALTH_REMEDIATION);

    renewals.replan(account, LocalDate.now().plusDays(80), "arb2");

    assertThat(journeys.active(account, Play.RENEWAL.processId())).isEmpty();
    assertThat(decision(account, "arbitration").outcome()).isEqualTo("dropped renewal");
    assertThat(decision(account, "arbitration").rationale())
        .contains("health-remediation (retention)", "ranks higher");
  }
}
