package io.expansion.playbook.plays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.expansion.playbook.support.DeliveryFaults;
import io.expansion.playbook.support.DeliveryFaults.Mode;
import io.expansion.playbook.support.DeliveryFaultsConfiguration;
import io.expansion.playbook.support.EffectRows;
import io.expansion.playbook.support.Fixtures;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestConstructor;

/**
 * The plays under at-least-once delivery: each play runs once as in production and once with a
 * fault on every job (handled twice; failing after its side effect), and must leave the same side
 * effects — watch-list entries, remediation actions, touches, outbox messages, tasks, decisions and
 * hand-overs to the expansion loop — exactly once, on the same path.
 */
@Import(DeliveryFaultsConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class PlayRedeliveryTest extends PlaysTestBase {

  private final DeliveryFaults faults;

  PlayRedeliveryTest(ApplicationContext context, DeliveryFaults faults) {
    super(context);
    this.faults = faults;
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:play-redelivery;DB_CLOSE_DELAY=-1");
  }

  @AfterEach
  void backToNormal() {
    faults.mode(Mode.NORMAL);
  }

  enum Scenario {
    REMEDIATION_ESCALATED_WITH_TOUCH(
        Set.of(
            "watch-list-add",
            "escalate-play",
            "apply-remediation",
            "arbitrate-play",
            "check-consent",
            "send-touch",
            "watch-list-remove")),
    WIN_BACK_RECOVERED(
        Set.of("watch-list-add", "arbitrate-play", "send-touch", "watch-list-remove")),
    ONBOARDING_ON_TIME(Set.of("prepare-celebration", "arbitrate-play", "send-touch")),
    RENEWAL_HEALTHY(Set.of("assess-renewal", "renewal-upsell", "send-touch", "journey-checkpoint"));

    final Set<String> jobTypesOnPath;

    Scenario(Set<String> jobTypesOnPath) {
      this.jobTypesOnPath = jobTypesOnPath;
    }
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void everyJobHandledTwiceLeavesEachSideEffectOnce(Scenario scenario) {
    assertSameEffectsUnder(Mode.REDELIVER, scenario);
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void everyJobFailingAfterItsSideEffectLeavesEachSideEffectOnce(Scenario scenario) {
    assertSameEffectsUnder(Mode.FAIL_AFTER_SIDE_EFFECT, scenario);
  }

  private void assertSameEffectsUnder(Mode mode, Scenario scenario) {
    var runs = faults.compare(mode, () -> run(scenario));
    Effects expected = runs.expected();
    Effects actual = runs.actual();

    assertThat(runs.faulted().keySet())
        .as("every job type on the path got the fault")
        .containsAll(scenario.jobTypesOnPath);
    assertThat(actual.path()).as("path by element ids").isEqualTo(expected.path());
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.touches()).hasSizeLessThanOrEqualTo(2).isNotEmpty();
  }

  private Effects run(Scenario scenario) {
    return switch (scenario) {
      case REMEDIATION_ESCALATED_WITH_TOUCH -> remediation();
      case WIN_BACK_RECOVERED -> winBack();
      case ONBOARDING_ON_TIME -> onboarding();
      case RENEWAL_HEALTHY -> renewal();
    };
  }

  private Effects remediation() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    scored(account, 60, "stable-adopter");
    triggers.healthScored(account, 80, 60, "config-test", "redelivery-" + account);
    String journey = activeJourney(account, Play.HEALTH_REMEDIATION);
    awaitTask(account, "UserTask_Remediate");
    fire(
        journey,
        "Timer_RemediationSla",
        Duration.ofHours(49),
        () -> taskReady(account, "UserTask_RemediateEscalated"));
    complete(
        account,
        "UserTask_RemediateEscalated",
        Map.of("remediationAction", "feature-recommendation", "recommendedFeature", "Reports"));
    awaitAt(journey, "Task_AwaitRecovery");
    triggers.healthScored(account, 60, 80, "config-test", "recovered-" + account);
    awaitEnded(journey, "End_Recovered");
    return effects(account, journey);
  }

  private Effects winBack() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    signal(account, "product_usage", Map.of("activeUsers", 100));
    signal(account, "product_usage", Map.of("activeUsers", 70));
    String journey = activeJourney(account, Play.WIN_BACK);
    complete(account, "UserTask_WinBackCall", Map.of("winBackResult", "re-engaged"));
    awaitAt(journey, "Task_AwaitUsageRecovery");
    signal(account, "product_usage", Map.of("activeUsers", 95));
    awaitEnded(journey, "End_WonBack");
    return effects(account, journey);
  }

  private Effects onboarding() {
    String account =
        fixtures.account(
            "one-year",
            new BigDecimal("55.00"),
            1,
            "Credit card (automatic)",
            List.of("PHONE", "INTERNET_DSL", "CONTRACT_ONE_YEAR"),
            Fixtures.allChannels(true));
    signal(account, "milestone_reached", Map.of("milestone", "setup_done"));
    String journey = activeJourney(account, Play.ONBOARDING);
    awaitAt(journey, "Task_AwaitFirstValue");
    signal(account, "milestone_reached", Map.of("milestone", "first_value"));
    awaitEnded(journey, "End_Onboarded");
    return effects(account, journey);
  }

  private Effects renewal() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    fixtures.inDaytime(account, java.time.Instant.now());
    scored(account, 85, "high-potential");
    LocalDate renewalDate = LocalDate.ofInstant(engine.currentTime(), ZoneOffset.UTC).plusDays(95);
    jdbc.sql("UPDATE accounts SET renewal_date = ? WHERE id = ?")
        .params(renewalDate, account)
        .update();
    renewals.replan(account, renewalDate, "redelivery-" + account);
    String journey = activeJourney(account, Play.RENEWAL);
    fire(
        journey,
        "Event_Wait90",
        Duration.ofDays(6),
        () -> taskReady(account, "UserTask_BusinessReview"));
    complete(account, "UserTask_BusinessReview", Map.of("reviewSentiment", "neutral"));
    awaitAt(journey, "Event_Wait60");
    fire(journey, "Event_Wait60", Duration.ofDays(30), () -> at(journey, "Event_Wait30"));
    // The upsell's in-app touch: the customer clicks it, the CSM reviews the value.
    answerInApp(account, "clicked");
    awaitTask(account, "UserTask_ProveValue");
    fire(journey, "Event_Wait30", Duration.ofDays(31), () -> at(journey, "End_RenewalReady"));
    awaitEnded(journey, "End_RenewalReady");
    return effects(account, journey);
  }

  /** What the play left behind, with ids that differ between runs taken out. */
  record Effects(
      List<String> path,
      List<String> decisions,
      List<String> touches,
      List<String> outbox,
      List<String> watchList,
      List<String> remediations,
      List<String> tasks,
      List<String> journeys) {}

  private Effects effects(String account, String journey) {
    // The journey row is closed by the end event's listener job; the engine completes the end
    // event and the process after that job, later still when its completion was lost and retried.
    String process = journeys.find(journey).orElseThrow().processId();
    await().atMost(WAIT).pollInSameThread().until(() -> completed(journey).contains(process));
    return new Effects(
        completed(journey),
        rows(
            "SELECT rule || ' ' || outcome || ' ' || COALESCE(business_key, '-') FROM decisions"
                + " WHERE account_id = ? AND (journey_id IS NULL OR journey_id = ?)"
                // the outbox relay delivers on its own schedule, not the plays' jobs
                + " AND rule <> 'delivery'",
            account,
            journey),
        rows(
            "SELECT play || ' ' || channel || ' ' || purpose FROM touches WHERE account_id = ?",
            account),
        rows(
            "SELECT o.channel || ' ' || o.subject FROM outbox o JOIN touches t ON t.id = o.touch_id"
                + " WHERE t.account_id = ?",
            account),
        rows(
            "SELECT play || ' ' || reason || ' ' || COALESCE(removal_reason, 'open') FROM"
                + " watch_list WHERE account_id = ?",
            account),
        rows(
            "SELECT play || ' ' || action || ' ' || decided_by FROM remediation_actions WHERE"
                + " account_id = ?",
            account),
        rows(
            "SELECT element_id || ' ' || status FROM user_tasks WHERE account_id = ? AND"
                + " journey_id = ?",
            account,
            journey),
        // The expansion journey a renewal hands the account to goes on by itself: counted only.
        rows("SELECT process_id FROM journeys WHERE account_id = ?", account));
  }

  private List<String> rows(String sql, String account, Object... more) {
    return EffectRows.of(jdbc, sql, account, more);
  }
}
