package io.expansion.playbook.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.tasks.UserTask;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/**
 * The arms change what the expansion journey does (real BPMN and workers): the touch's channel,
 * value proof skipped, the discount capped. The arm is a decision and a process variable.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ExperimentJourneyTest extends ExperimentsTestBase {

  ExperimentJourneyTest(ApplicationContext context) {
    super(context);
  }

  private String start(String account) {
    return signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
  }

  @Test
  void theChannelArmSendsTheOfferByEmailWhereTheControlGetsACsmCall() {
    Experiment e = fiftyFifty("offer-by-email", "touch-channel", "email");
    String variant = healthyAccountWhere(a -> !hashedIntoHoldout(a) && inVariant(e, a));
    String control = healthyAccountWhere(a -> !hashedIntoHoldout(a) && !inVariant(e, a));

    String journey = start(variant);
    awaitAt(journey, ExpansionJourney.AWAIT_TOUCH_ANSWER);
    assertThat(
            jdbc.sql("SELECT channel FROM touches WHERE account_id = ?")
                .param(variant)
                .query(String.class)
                .single())
        .isEqualTo("email");
    assertThat(decision(variant, "experiment").outcome()).isEqualTo("offer-by-email=variant");
    assertThat(decision(variant, "experiment").inputs().get("variant").toString())
        .contains("touchChannel=email");
    assertThat(decision(variant, "next-best-offer").rationale())
        .contains("channel email chosen by the experiment arm");

    start(control);
    UserTask outreach = awaitTask(control, ExpansionJourney.CSM_OUTREACH);
    assertThat(decision(control, "experiment").outcome()).isEqualTo("offer-by-email=control");
    assertThat(outreach.variables()).containsKey("experiments");
    assertThat(outreach.variables().get("variant")).isEqualTo(Map.of());
  }

  @Test
  void theSkipArmGoesFromInterestStraightToTheQuote() {
    Experiment e = fiftyFifty("no-value-proof", "value-proof", "skip");
    String variant = healthyAccountWhere(a -> !hashedIntoHoldout(a) && inVariant(e, a));
    String control = healthyAccountWhere(a -> !hashedIntoHoldout(a) && !inVariant(e, a));

    String journey = start(variant);
    UserTask outreach = awaitTask(variant, ExpansionJourney.CSM_OUTREACH);
    assertThat(outreach.variables().get("variant")).isEqualTo(Map.of("valueProof", "skip"));
    tasks.complete(outreach.id(), Map.of("outreachResult", "interested"));
    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence(
            "Task_AssignExperiment",
            "UserTask_CsmOutreach",
            "Gateway_ValueProofFirst",
            "Task_CreateQuote",
            "Event_Accepted")
        .doesNotContain("Task_BuildValueSnapshot", "UserTask_ProveValue");

    start(control);
    complete(control, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
    awaitTask(control, ExpansionJourney.PROVE_VALUE);
  }

  @Test
  void theCapArmLimitsTheDiscountTheCsmAskedFor() {
    Experiment e = fiftyFifty("discount-five", "discount-cap", "5");
    String variant = healthyAccountWhere(a -> !hashedIntoHoldout(a) && inVariant(e, a));

    String journey = start(variant);
    complete(variant, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
    complete(
        variant,
        ExpansionJourney.PROVE_VALUE,
        Map.of("customerResponse", "interested", "requestedDiscountPct", 10));
    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);

    assertThat(
            jdbc.sql("SELECT discount FROM quotes WHERE account_id = ?")
                .param(variant)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("0.05");
    assertThat(completed(journey)).contains("Task_CreateQuote", "Event_Accepted");
  }
}
