package io.expansion.playbook.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import io.expansion.playbook.tasks.UserTask;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/** Every path of {@code bpmn/expansion-journey.bpmn}, on the embedded engine with real workers. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ExpansionJourneyProcessTest extends JourneyTestBase {

  ExpansionJourneyProcessTest(ApplicationContext context) {
    super(context);
  }

  private String startOnIntent(String account) {
    return signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
  }

  @Test
  void eligibleAccountAcceptsOfferIsProvisionedAndLoopsBackToDetect() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = startOnIntent(account);

    UserTask outreach = awaitTask(account, ExpansionJourney.CSM_OUTREACH);
    assertThat(outreach.candidateGroups()).containsExactly("csm");
    assertThat(outreach.assignee()).isEqualTo("csm-01");
    assertThat(outreach.formId()).isEqualTo("csm-outreach");
    tasks.complete(outreach.id(), Map.of("outreachResult", "interested"));
    UserTask review = awaitTask(account, ExpansionJourney.PROVE_VALUE);
    assertThat(review.variables()).containsKey("valueSnapshot");
    tasks.complete(
        review.id(), Map.of("customerResponse", "interested", "requestedDiscountPct", 10));

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence(
            "StartEvent_JourneyStarted",
            "Task_LoadGuardrails",
            "Task_ScoreAccount",
            "Rule_Segment",
            "Rule_QualifySignal",
            "Task_CheckEligibility",
            "Task_CheckConsent",
            "Task_SelectOffer",
            "Task_SendTouch",
            "UserTask_CsmOutreach",
            "Task_BuildValueSnapshot",
            "UserTask_ProveValue",
            "Task_CreateQuote",
            "Task_Provision",
            "Event_Accepted",
            "Task_RecordOutcome",
            "Task_ScoreAccount",
            "Rule_Segment")
        .doesNotContain("UserTask_ApproveDiscount");
    var updated = accounts.findById(account).orElseThrow();
    assertThat(updated.planTier()).isEqualTo("fiber");
    assertThat(accounts.ownedProducts(account))
        .contains("INTERNET_FIBER")
        .doesNotContain("INTERNET_DSL");
    assertThat(updated.mrr()).isGreaterThan(new java.math.BigDecimal("90.00"));
    assertThat(decision(account, "segmentation.dmn").outcome()).isEqualTo("high-potential");
    assertThat(decision(account, "provisioning").rationale()).contains("plan fiber");
    assertThat(decision(account, "outcome").outcome()).isEqualTo("accepted");
    assertThat(count("touches", account)).isEqualTo(1);
  }

  @Test
  void atRiskAccountGetsNoUpsellAndTheDecisionSaysWhy() {
    String account = fixtures.atRiskAccount();
    String journey = startOnIntent(account);

    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(() -> journeys.find(journey).orElseThrow().status(), Journey.ENDED::equals);
    assertThat(completed(journey))
        .containsSubsequence("Rule_Segment", "Task_CheckEligibility", "End_NoUpsell")
        .doesNotContain("Task_CheckConsent", "Task_SendTouch");
    assertThat(decision(account, "segmentation.dmn").outcome()).isEqualTo("at-risk");
    assertThat(decision(account, "eligibility").outcome()).isEqualTo("no-upsell");
    assertThat(decision(account, "eligibility").rationale()).contains("at-risk", "no upsell");
    assertThat(count("touches", account)).isZero();
    assertThat(count("offers", account)).isZero();
  }

  @Test
  void withoutConsentNoTouchIsMadeAndTheSkipReasonIsRecorded() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(false));
    String journey = startOnIntent(account);

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence("Task_CheckConsent", "Gateway_ConsentGiven")
        .doesNotContain("Task_SelectOffer", "Task_SendTouch");
    assertThat(decision(account, "contact-policy").outcome()).isEqualTo("no-touch");
    assertThat(decision(account, "contact-policy").rationale()).contains("opted out");
    assertThat(count("touches", account)).isZero();
  }

  @Test
  void frequencyCapReachedMeansNoTouch() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    for (int i = 0; i < 2; i++) {
      jdbc.sql(
              "INSERT INTO touches (business_key, account_id, journey_id, play, channel,"
                  + " occurred_at) VALUES (?, ?, 'earlier', 'expansion', 'email', ?)")
          .params("earlier-" + account + "-" + i, account, OffsetDateTime.now().minusDays(1))
          .update();
    }
    String journey = startOnIntent(account);

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey)).contains("Task_CheckConsent").doesNotContain("Task_SendTouch");
    assertThat(decision(account, "contact-policy").rationale()).contains("frequency cap");
    assertThat(count("touches", account)).isEqualTo(2);
  }

  @Test
  void discountAboveThresholdNeedsApprovalAndApprovedGoesToProvisioning() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = reachQuoteWithDiscount(account, 25);

    UserTask approval = awaitTask(account, ExpansionJourney.APPROVE_DISCOUNT);
    assertThat(approval.candidateGroups()).containsExactly("sales-managers");
    tasks.complete(approval.id(), Map.of("approvalDecision", "approve"));

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence("Task_CreateQuote", "UserTask_ApproveDiscount", "Task_Provision");
    assertThat(decision(account, "outcome").outcome()).isEqualTo("accepted");
  }

  @Test
  void rejectedDiscountEndsTheOfferWithoutProvisioning() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = reachQuoteWithDiscount(account, 25);

    complete(account, ExpansionJourney.APPROVE_DISCOUNT, Map.of("approvalDecision", "reject"));

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence(
            "UserTask_ApproveDiscount", "Event_DiscountRejected", "Task_RecordOutcome")
        .doesNotContain("Task_Provision");
    assertThat(decision(account, "outcome").outcome()).isEqualTo("discount-rejected");
    assertThat(accounts.findById(account).orElseThrow().planTier()).isEqualTo("dsl");
  }

  @Test
  void approvalEscalatesWhenItsSlaRunsOut() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = reachQuoteWithDiscount(account, 25);
    UserTask approval = awaitTask(account, ExpansionJourney.APPROVE_DISCOUNT);

    engine.increaseTime(Duration.ofHours(49));

    // The engine's due-date checker wakes on its own schedule; nudge its clock while waiting.
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(
            () -> {
              engine.increaseTime(Duration.ofMinutes(1));
              return tasks.open(account, null, null).stream()
                  .anyMatch(t -> t.elementId().equals(ExpansionJourney.APPROVE_DISCOUNT_ESCALATED));
            });
    UserTask escalated = awaitTask(account, ExpansionJourney.APPROVE_DISCOUNT_ESCALATED);
    assertThat(escalated.candidateGroups()).containsExactly("revenue-leadership");
    await().atMost(WAIT).until(() -> tasks.task(approval.id()).status(), UserTask.CANCELED::equals);
    assertThat(decision(account, "approval-sla").outcome()).isEqualTo("escalated");
    tasks.complete(escalated.id(), Map.of("approvalDecision", "approve"));

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence(
            "Timer_ApprovalSla",
            "Task_EscalateApproval",
            "UserTask_ApproveDiscountEscalated",
            "Task_Provision");
  }

  @Test
  void declinedOfferStartsACooldownForThatOffer() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = startOnIntent(account);
    complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
    complete(account, ExpansionJourney.PROVE_VALUE, Map.of("customerResponse", "declined"));
    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey)).containsSubsequence("Event_Declined", "Task_RecordOutcome");
    String declinedCode =
        jdbc.sql("SELECT offer_code FROM offers WHERE account_id = ? AND status = 'DECLINED'")
            .param(account)
            .query(String.class)
            .single();
    // The contact policy allows one offer touch per 14 days: let that window pass for the touch
    // (the decline itself stays within its 30-day cooldown).
    // (Caps count a touch at its delivery time, deferred past quiet hours when the test runs at
    // night.)
    jdbc.sql("UPDATE touches SET occurred_at = ?, deliver_after = NULL WHERE account_id = ?")
        .params(OffsetDateTime.now().minusDays(15), account)
        .update();

    signal(account, "intent", Map.of("topic", "pricing_page"));

    try {
      await().atMost(WAIT).pollInSameThread().until(() -> count("offers", account) == 2);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "No second offer; decisions: "
              + decisionLog(account).stream()
                  .map(d -> d.rule() + "=" + d.outcome() + " (" + d.rationale() + ")")
                  .toList(),
          e);
    }
    String eligibility =
        decisionLog(account).stream()
            .filter(d -> d.rule().equals("eligibility"))
            .findFirst()
            .orElseThrow()
            .inputs()
            .get("excluded")
            .toString();
    assertThat(eligibility).contains(declinedCode + "=declined on").contains("cooldown of 30 days");
    assertThat(
            jdbc.sql("SELECT offer_code FROM offers WHERE account_id = ? AND status <> 'DECLINED'")
                .param(account)
                .query(String.class)
                .single())
        .isNotEqualTo(declinedCode);
  }

  @Test
  void nonQualifyingSignalIsRecordedAndTheJourneyKeepsWaiting() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = signal(account, "support_case_closed", Map.of("caseId", "CASE-1")).journeyId();

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(
            () ->
                decisionLog(account).stream()
                    .anyMatch(d -> d.rule().equals("signal-qualification.dmn")));
    assertThat(decision(account, "signal-qualification.dmn").outcome()).isEqualTo("ignored");
    assertThat(completed(journey))
        .contains("Rule_QualifySignal")
        .doesNotContain("Task_CheckEligibility");

    // The next, qualifying signal reaches the waiting journey.
    assertThat(signal(account, "intent", Map.of("topic", "pricing_page")).routing())
        .isEqualTo("DELIVERED_TO_JOURNEY");
    awaitTask(account, ExpansionJourney.CSM_OUTREACH);
  }

  @Test
  void lowValueOfferIsTouchedInAppThroughTheOutboxAndTheJourneyWaitsForTheAnswer() {
    String account =
        fixtures.account(
            "one-year",
            new java.math.BigDecimal("60.00"),
            20,
            "Mailed check",
            List.of("PHONE", "INTERNET_DSL", "STREAMING_TV", "CONTRACT_ONE_YEAR"),
            Fixtures.allChannels(true));
    fixtures.inDaytime(account, java.time.Instant.now());
    String journey =
        signal(account, "license_utilization", Map.of("utilizationPct", 85)).journeyId();

    awaitAt(journey, ExpansionJourney.AWAIT_TOUCH_ANSWER);
    assertThat(completed(journey))
        .containsSubsequence("Task_SendTouch", "Task_OpenAnswerWindow")
        .doesNotContain("UserTask_CsmOutreach", "Task_BuildValueSnapshot");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM outbox o JOIN touches t ON t.id = o.touch_id WHERE"
                        + " t.account_id = ?")
                .param(account)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    answerInApp(account, "clicked");
    UserTask review = awaitTask(account, ExpansionJourney.PROVE_VALUE);
    tasks.complete(review.id(), Map.of("customerResponse", "not-now"));
    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence(
            "Task_AwaitTouchAnswer", "Task_RecordTouchAnswer", "UserTask_ProveValue");
    assertThat(decision(account, "outcome").outcome()).isEqualTo("not-now");
  }

  private String reachQuoteWithDiscount(String account, int discountPct) {
    String journey = startOnIntent(account);
    complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
    complete(
        account,
        ExpansionJourney.PROVE_VALUE,
        Map.of("customerResponse", "interested", "requestedDiscountPct", discountPct));
    return journey;
  }
}
