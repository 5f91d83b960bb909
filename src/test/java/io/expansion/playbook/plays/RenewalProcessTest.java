package io.expansion.playbook.plays;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.support.Fixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/**
 * Every path of {@code bpmn/renewal.bpmn}: the 90/60/30-day checkpoints fall due on the engine
 * clock; renewal dates are set relative to it.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class RenewalProcessTest extends PlaysTestBase {

  RenewalProcessTest(ApplicationContext context) {
    super(context);
  }

  /** A renewal 95 days ahead of the engine clock: the 90-day review falls due in 5 days. */
  private String planned(String account) {
    LocalDate renewal = LocalDate.ofInstant(engine.currentTime(), ZoneOffset.UTC).plusDays(95);
    jdbc.sql("UPDATE accounts SET renewal_date = ? WHERE id = ?").params(renewal, account).update();
    renewals.replan(account, renewal, "test-" + account);
    String journey = activeJourney(account, Play.RENEWAL);
    awaitAt(journey, "Event_Wait90");
    return journey;
  }

  private void reviewHeld(String account, String journey) {
    fire(
        journey,
        "Event_Wait90",
        Duration.ofDays(6),
        () -> taskReady(account, "UserTask_BusinessReview"));
    complete(account, "UserTask_BusinessReview", Map.of("reviewSentiment", "positive"));
    awaitAt(journey, "Event_Wait60");
  }

  @Test
  void healthyAccountGetsAReviewARenewalUpsellAndAReminder() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    fixtures.inDaytime(account, java.time.Instant.now());
    scored(account, 85, "high-potential");
    String journey = planned(account);
    reviewHeld(account, journey);

    fire(journey, "Event_Wait60", Duration.ofDays(30), () -> at(journey, "Event_Wait30"));
    Journey expansion = journeys.active(account, ExpansionJourney.PROCESS_ID).orElseThrow();
    // The upsell's in-app touch: the customer clicks it, the CSM reviews the value.
    answerInApp(account, "clicked");
    awaitTask(account, ExpansionJourney.PROVE_VALUE);
    assertThat(touches(account, "expansion")).isEqualTo(1);
    assertThat(decision(account, "renewal-upsell").rationale()).contains(expansion.id());
    assertThat(decisionLog(account))
        .anySatisfy(
            d -> {
              assertThat(d.rule()).isEqualTo("arbitration");
              assertThat(d.journeyId()).isEqualTo(expansion.id());
              assertThat(d.outcome()).isEqualTo("granted");
            });

    fire(journey, "Event_Wait30", Duration.ofDays(31), () -> at(journey, "End_RenewalReady"));
    awaitEnded(journey, "End_RenewalReady");
    assertThat(completed(journey))
        .containsSubsequence(
            "StartEvent_RenewalPlanned",
            "Event_Wait90",
            "Task_Assess90",
            "UserTask_BusinessReview",
            "Event_Wait60",
            "Task_Assess60",
            "Task_RenewalUpsell",
            "Event_Wait30",
            "Task_Assess30",
            "Task_ArbitrateReminder",
            "Task_CheckConsentReminder",
            "End_RenewalReady")
        .doesNotContain("UserTask_SavePlay", "UserTask_RenewalEscalation");
    assertThat(decision(account, "renewal-checkpoint").outcome()).isEqualTo("30d: healthy");
  }

  @Test
  void atRiskAccountGetsASavePlayAndAnEscalation() {
    String account = fixtures.atRiskAccount();
    scored(account, 30, "at-risk");
    String journey = planned(account);
    reviewHeld(account, journey);

    fire(
        journey,
        "Event_Wait60",
        Duration.ofDays(30),
        () -> taskReady(account, "UserTask_SavePlay"));
    complete(
        account,
        "UserTask_SavePlay",
        Map.of("saveAction", "executive-sponsor", "saveOutcome", "undecided"));
    awaitAt(journey, "Event_Wait30");
    fire(
        journey,
        "Event_Wait30",
        Duration.ofDays(31),
        () -> taskReady(account, "UserTask_RenewalEscalation"));
    complete(
        account,
        "UserTask_RenewalEscalation",
        Map.of("saveAction", "renewal-incentive", "saveOutcome", "likely-renew"));

    awaitEnded(journey, "End_RenewalAtRisk");
    assertThat(completed(journey))
        .containsSubsequence(
            "Task_Assess60", "UserTask_SavePlay", "Task_Assess30", "UserTask_RenewalEscalation")
        .doesNotContain("Task_RenewalUpsell", "Task_SendReminder");
    assertThat(journeys.active(account, ExpansionJourney.PROCESS_ID)).isEmpty();
  }

  @Test
  void aNewRenewalDateReplacesTheRunningPlay() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String first = planned(account);
    LocalDate later = LocalDate.ofInstant(engine.currentTime(), ZoneOffset.UTC).plusDays(99);

    signal(account, "renewal_date_changed", Map.of("renewalDate", later.toString()));

    String second = activeJourney(account, Play.RENEWAL);
    assertThat(second).isNotEqualTo(first);
    assertThat(journeys.find(first).orElseThrow().endReason()).contains(later.toString());
    assertThat(journeyVariables(second)).containsEntry("date", later.toString());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> journeyVariables(String journeyId) {
    var journey = journeys.find(journeyId).orElseThrow();
    return (Map<String, Object>) journeyService.variablesOf(journey).get("renewal");
  }
}
