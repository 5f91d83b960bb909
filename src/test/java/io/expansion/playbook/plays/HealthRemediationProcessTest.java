package io.expansion.playbook.plays;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.tasks.UserTask;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/** Every path of {@code bpmn/health-remediation.bpmn}. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class HealthRemediationProcessTest extends PlaysTestBase {

  HealthRemediationProcessTest(ApplicationContext context) {
    super(context);
  }

  private String dropped(String account, int from, int to, String key) {
    scored(account, to, "stable-adopter");
    triggers.healthScored(account, from, to, "config-test", key + "-" + account);
    return activeJourney(account, Play.HEALTH_REMEDIATION);
  }

  @Test
  void aDropStartsRemediationAndRecoveryTakesTheAccountOffTheWatchList() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = dropped(account, 80, 60, "drop");

    UserTask task = awaitTask(account, "UserTask_Remediate");
    assertThat(task.assignee()).isEqualTo("csm-01");
    assertThat(task.formId()).isEqualTo("health-remediation");
    assertThat(watchList.open(account))
        .hasValueSatisfying(e -> assertThat(e.reason()).contains("fell 20 points"));
    tasks.complete(task.id(), Map.of("remediationAction", "coaching-call"));
    awaitAt(journey, "Task_AwaitRecovery");

    scored(account, 75, "stable-adopter");
    triggers.healthScored(account, 60, 75, "config-test", "recovered-" + account);

    awaitEnded(journey, "End_Recovered");
    assertThat(completed(journey))
        .containsSubsequence(
            "StartEvent_HealthDropped",
            "Task_WatchList",
            "UserTask_Remediate",
            "Task_ApplyRemediation",
            "Gateway_RemediationTouch",
            "Task_AwaitRecovery",
            "Task_RemoveWatchList",
            "End_Recovered")
        .doesNotContain("Task_SendRemediationTouch", "Task_EscalateRemediation");
    assertThat(watchList.open(account)).isEmpty();
    assertThat(decision(account, "remediation").outcome()).isEqualTo("coaching-call");
    assertThat(decision(account, "watch-list").outcome()).isEqualTo("removed");
    assertThat(decision(account, "play-start").rationale()).contains("health fell 20 points");
    assertThat(touches(account, "health-remediation")).isZero();
  }

  @Test
  void fallingIntoAtRiskStartsRemediationButASmallDipDoesNot() {
    String dipped = fixtures.healthyAccount(Fixtures.allChannels(true));
    triggers.healthScored(dipped, 70, 62, "config-test", "dip-" + dipped);
    assertThat(journeys.active(dipped, Play.HEALTH_REMEDIATION.processId())).isEmpty();

    String intoRisk = fixtures.healthyAccount(Fixtures.allChannels(true));
    triggers.healthScored(intoRisk, 45, 35, "config-test", "risk-" + intoRisk);
    activeJourney(intoRisk, Play.HEALTH_REMEDIATION);
    assertThat(decision(intoRisk, "play-start").rationale()).contains("below the at-risk line 40");
  }

  @Test
  void slaRunsOutEscalatesToTheManagerAndARecheckFindsRecovery() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = dropped(account, 70, 50, "sla");
    UserTask original = awaitTask(account, "UserTask_Remediate");

    fire(
        journey,
        "Timer_RemediationSla",
        Duration.ofHours(49),
        () -> taskReady(account, "UserTask_RemediateEscalated"));
    UserTask escalated = awaitTask(account, "UserTask_RemediateEscalated");
    assertThat(escalated.candidateGroups()).containsExactly("csm-managers");
    assertThat(tasks.task(original.id()).status()).isEqualTo(UserTask.CANCELED);
    tasks.complete(escalated.id(), Map.of("remediationAction", "coaching-call"));
    awaitAt(journey, "Task_AwaitRecovery");

    scored(account, 66, "stable-adopter");
    fire(journey, "Timer_RecoveryCheck", Duration.ofDays(31), () -> at(journey, "End_Recovered"));
    awaitEnded(journey, "End_Recovered");
    assertThat(completed(journey))
        .containsSubsequence(
            "Timer_RemediationSla",
            "Task_EscalateRemediation",
            "UserTask_RemediateEscalated",
            "Task_ApplyRemediation",
            "Timer_RecoveryCheck",
            "Task_AssessHealth",
            "Task_RemoveWatchList",
            "End_Recovered");
    assertThat(decision(account, "escalation").outcome()).isEqualTo("csm-managers");
    assertThat(decision(account, "remediation").rationale()).contains("csm-managers");
    assertThat(decision(account, "remediation-recheck").outcome()).isEqualTo("recovered");
  }

  @Test
  void signalsThatHurtHealthStartRemediationThroughRescoring() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    signal(account, "product_usage", Map.of("activeUsers", 40, "logins", 300));
    assertThat(journeys.active(account, Play.HEALTH_REMEDIATION.processId())).isEmpty();

    signal(account, "champion_left", Map.of("role", "executive sponsor"));
    signal(account, "support_case_opened", Map.of("caseId", "C-9", "priority", "P1"));
    signal(account, "sla_breached", Map.of("caseId", "C-9", "priority", "P1"));
    signal(
        account, "invoice_overdue", Map.of("invoiceId", "I-1", "amount", 900, "daysOverdue", 45));
    signal(account, "nps_response", Map.of("score", 1));

    String journey = activeJourney(account, Play.HEALTH_REMEDIATION);
    awaitTask(account, "UserTask_Remediate");
    assertThat(decision(account, "play-start").rationale()).contains("health");
    assertThat(journeys.find(journey).orElseThrow().status()).isEqualTo("ACTIVE");
    assertThat(count("health_scores", account)).isGreaterThanOrEqualTo(6);
  }

  @Test
  void withoutRecoveryTheNextRoundRunsUntilThePlayGivesUp() {
    String account = fixtures.atRiskAccount();
    String journey = dropped(account, 60, 30, "rounds");
    complete(account, "UserTask_Remediate", Map.of("remediationAction", "coaching-call"));
    awaitAt(journey, "Task_AwaitRecovery");

    fire(
        journey,
        "Timer_RecoveryCheck",
        Duration.ofDays(31),
        () -> taskReady(account, "UserTask_Remediate"));
    assertThat(awaitTask(account, "UserTask_Remediate").variables()).containsEntry("round", 2);
    complete(account, "UserTask_Remediate", Map.of("remediationAction", "coaching-call"));
    awaitAt(journey, "Task_AwaitRecovery");
    fire(journey, "Timer_RecoveryCheck", Duration.ofDays(31), () -> at(journey, "End_StillAtRisk"));
    awaitEnded(journey, "End_StillAtRisk");

    assertThat(completed(journey)).containsSubsequence("Task_AssessHealth", "End_StillAtRisk");
    assertThat(decisionLog(account).stream().filter(d -> d.rule().equals("remediation")))
        .hasSize(2);
    assertThat(decision(account, "remediation-recheck").outcome()).isEqualTo("gave up");
    assertThat(watchList.open(account)).isPresent();
  }

  @Test
  void aFeatureRecommendationReachesTheCustomerThroughTheContactPolicy() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = dropped(account, 85, 55, "feature");
    complete(
        account,
        "UserTask_Remediate",
        Map.of("remediationAction", "feature-recommendation", "recommendedFeature", "Dashboards"));
    awaitAt(journey, "Task_AwaitRecovery");

    assertThat(completed(journey))
        .containsSubsequence(
            "Task_ApplyRemediation",
            "Task_ArbitrateRemediationTouch",
            "Task_CheckConsentRemediationTouch",
            "Task_SendRemediationTouch");
    assertThat(touches(account, "health-remediation")).isEqualTo(1);
  }

  @Test
  void aFeatureRecommendationWithoutConsentIsSkippedWithItsReason() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(false));
    String journey = dropped(account, 85, 55, "noconsent");
    complete(account, "UserTask_Remediate", Map.of("remediationAction", "extended-trial"));
    awaitAt(journey, "Task_AwaitRecovery");

    assertThat(completed(journey))
        .contains("Task_CheckConsentRemediationTouch")
        .doesNotContain("Task_SendRemediationTouch");
    assertThat(touches(account, "health-remediation")).isZero();
  }
}
