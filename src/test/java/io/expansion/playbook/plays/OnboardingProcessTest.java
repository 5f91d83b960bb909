package io.expansion.playbook.plays;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.support.Fixtures;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/** Every path of {@code bpmn/onboarding.bpmn}: milestones on time, stalled, escalated. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class OnboardingProcessTest extends PlaysTestBase {

  OnboardingProcessTest(ApplicationContext context) {
    super(context);
  }

  private String newAccount(boolean consent) {
    return fixtures.account(
        "one-year",
        new BigDecimal("60.00"),
        1,
        "Credit card (automatic)",
        List.of("PHONE", "INTERNET_DSL", "CONTRACT_ONE_YEAR"),
        Fixtures.allChannels(consent));
  }

  private void milestone(String account, String name) {
    signal(account, "milestone_reached", Map.of("milestone", name));
  }

  @Test
  void milestonesOnTimeEndWithACelebrationAndTimeToFirstValue() {
    String account = newAccount(true);
    milestone(account, "setup_done");
    String journey = activeJourney(account, Play.ONBOARDING);
    awaitAt(journey, "Task_AwaitFirstValue");
    milestone(account, "first_value");

    awaitEnded(journey, "End_Onboarded");
    assertThat(completed(journey))
        .containsSubsequence(
            "StartEvent_AccountCreated",
            "Task_AwaitSetup",
            "Task_AwaitFirstValue",
            "Task_PrepareCelebration",
            "Task_ArbitrateCelebration",
            "Task_CheckConsentCelebration",
            "Task_SendCelebration",
            "End_Onboarded")
        .doesNotContain("Task_SendSetupHelp", "UserTask_SetupEscalation");
    assertThat(decision(account, "time-to-first-value").outcome()).isEqualTo("0 days");
    assertThat(touches(account, "onboarding")).isEqualTo(1);
  }

  @Test
  void stalledSetupGetsGuidedHelpThenTheCsm() {
    String account = newAccount(true);
    String journey = triggers.startOnboarding(account, "test", "test").journeyId();
    awaitAt(journey, "Task_AwaitSetup");

    fire(
        journey,
        "Timer_SetupDue",
        Duration.ofDays(15),
        () -> at(journey, "Task_AwaitSetupAfterHelp"));
    assertThat(touches(account, "onboarding")).isEqualTo(1);
    fire(
        journey,
        "Timer_SetupStalled",
        Duration.ofDays(8),
        () -> taskReady(account, "UserTask_SetupEscalation"));
    complete(account, "UserTask_SetupEscalation", Map.of("onboardingHelp", "session-booked"));
    awaitAt(journey, "Task_AwaitSetupAfterHelp");
    milestone(account, "setup_done");
    awaitAt(journey, "Task_AwaitFirstValue");

    assertThat(completed(journey))
        .containsSubsequence(
            "Timer_SetupDue",
            "Task_ArbitrateSetupHelp",
            "Task_CheckConsentSetupHelp",
            "Task_SendSetupHelp",
            "Timer_SetupStalled",
            "UserTask_SetupEscalation",
            "Task_AwaitSetupAfterHelp");
  }

  @Test
  void firstValueOverdueWithoutConsentSkipsTheTouchAndStillCelebratesLater() {
    String account = newAccount(false);
    String journey = triggers.startOnboarding(account, "test", "test").journeyId();
    awaitAt(journey, "Task_AwaitSetup");
    milestone(account, "setup_done");
    awaitAt(journey, "Task_AwaitFirstValue");

    fire(
        journey,
        "Timer_FirstValueDue",
        Duration.ofDays(31),
        () -> at(journey, "Task_AwaitFirstValueAfterHelp"));
    milestone(account, "first_value");

    awaitEnded(journey, "End_Onboarded");
    assertThat(completed(journey))
        .containsSubsequence(
            "Timer_FirstValueDue",
            "Task_CheckConsentFirstValueHelp",
            "Task_AwaitFirstValueAfterHelp",
            "Task_PrepareCelebration",
            "Task_CheckConsentCelebration",
            "End_Onboarded")
        .doesNotContain("Task_SendFirstValueHelp", "Task_SendCelebration");
    assertThat(touches(account, "onboarding")).isZero();
  }

  @Test
  void onlyNewAccountsStartOnboardingAndOnlyOnce() {
    String established = fixtures.healthyAccount(Fixtures.allChannels(true));
    milestone(established, "setup_done");
    assertThat(journeys.forAccount(established))
        .noneMatch(j -> j.processId().equals(Play.ONBOARDING.processId()));

    String account = newAccount(true);
    milestone(account, "setup_done");
    activeJourney(account, Play.ONBOARDING);
    milestone(account, "integration_live");
    assertThat(journeys.forAccount(account))
        .filteredOn(j -> j.processId().equals(Play.ONBOARDING.processId()))
        .hasSize(1);
  }
}
