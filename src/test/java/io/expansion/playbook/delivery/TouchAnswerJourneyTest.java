package io.expansion.playbook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/**
 * The expansion journey after an automated in-app touch waits for the customer's answer, which the
 * product reports through the in-app API; each answer, and silence, takes its own path.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class TouchAnswerJourneyTest extends DeliveryTestBase {

  TouchAnswerJourneyTest(ApplicationContext context) {
    super(context);
  }

  /** A one-year DSL account whose best offer is a low-value add-on: touched in-app. */
  private String inAppAccount() {
    String account =
        fixtures.account(
            "one-year",
            new BigDecimal("60.00"),
            20,
            "Mailed check",
            List.of("PHONE", "INTERNET_DSL", "STREAMING_TV", "CONTRACT_ONE_YEAR"),
            Fixtures.allChannels(true));
    fixtures.inDaytime(account, clock.instant());
    return account;
  }

  /** A two-year fibre account with TV: its best offer is a self-serve add-on, touched in-app. */
  private String selfServeAccount() {
    String account =
        fixtures.account(
            "two-year",
            new BigDecimal("70.00"),
            30,
            "Credit card (automatic)",
            List.of("PHONE", "INTERNET_FIBER", "TECH_SUPPORT", "STREAMING_TV", "CONTRACT_TWO_YEAR"),
            Fixtures.allChannels(true));
    fixtures.inDaytime(account, clock.instant());
    return account;
  }

  private String touchedInApp(String account) {
    String journey =
        signal(account, "license_utilization", Map.of("utilizationPct", 85)).journeyId();
    awaitAt(journey, ExpansionJourney.AWAIT_TOUCH_ANSWER);
    return journey;
  }

  private String offerStatus(String account) {
    return jdbc.sql("SELECT status FROM offers WHERE account_id = ?")
        .param(account)
        .query(String.class)
        .single();
  }

  @Test
  void acceptingASelfServeOfferInAppProvisionsItWithNoCsm() {
    String account = selfServeAccount();
    String journey = touchedInApp(account);
    var ownedBefore = accounts.ownedProducts(account);

    answerInApp(account, "shown");
    var accepted = answerInApp(account, "accepted");

    assertThat(accepted.signalType()).isEqualTo("offer_accepted");
    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence(
            "Task_SendTouch",
            "Task_OpenAnswerWindow",
            "Task_AwaitTouchAnswer",
            "Task_RecordTouchAnswer",
            "Task_CreateQuote",
            "Task_Provision",
            "Event_Accepted",
            "Task_RecordOutcome")
        .doesNotContain("UserTask_CsmOutreach", "UserTask_ProveValue", "UserTask_ApproveDiscount");
    assertThat(offerStatus(account)).isEqualTo("ACCEPTED");
    assertThat(accounts.ownedProducts(account)).hasSizeGreaterThan(ownedBefore.size());
    assertThat(count("user_tasks", account)).isZero();
    assertThat(decisionLog(account))
        .extracting(d -> d.rule() + "=" + d.outcome())
        .contains(
            "answer-window=awaiting",
            "delivery=sent",
            "touch-answer=opened",
            "touch-answer=accepted",
            "answer-route=provision",
            "outcome=accepted");
    assertThat(decision(account, "provisioning").outcome()).startsWith("provisioned ADDON_");
    var quote =
        jdbc.sql("SELECT discount FROM quotes WHERE account_id = ?")
            .param(account)
            .query(BigDecimal.class)
            .single();
    assertThat(quote).isEqualByComparingTo("0");
    assertThat(
            jdbc.sql(
                    "SELECT o.engagement FROM outbox o JOIN touches t ON t.id = o.touch_id"
                        + " WHERE t.account_id = ?")
                .param(account)
                .query(String.class)
                .single())
        .isEqualTo("accepted");
  }

  @Test
  void acceptingAnOfferThatIsNotSelfServeGoesToTheValueReview() {
    String account = inAppAccount();
    String journey = touchedInApp(account);

    answerInApp(account, "accepted");

    awaitTask(account, ExpansionJourney.PROVE_VALUE);
    assertThat(decision(account, "next-best-offer").outcome())
        .isEqualTo("UPGRADE_FIBER via in_app");
    assertThat(decision(account, "answer-route").outcome()).isEqualTo("value-review");
    assertThat(decision(account, "answer-route").rationale()).contains("not self-serve");
    assertThat(completed(journey)).doesNotContain("Task_CreateQuote");
  }

  @Test
  void clickingTheMessageTakesTheJourneyToTheValueReview() {
    String account = inAppAccount();
    String journey = touchedInApp(account);

    answerInApp(account, "clicked");

    awaitTask(account, ExpansionJourney.PROVE_VALUE);
    assertThat(completed(journey))
        .containsSubsequence("Task_AwaitTouchAnswer", "Task_RecordTouchAnswer")
        .contains("Task_BuildValueSnapshot")
        .doesNotContain("Task_CreateQuote");
    assertThat(decision(account, "answer-route").outcome()).isEqualTo("value-review");
    assertThat(decision(account, "touch-answer").outcome()).isEqualTo("clicked");
  }

  @Test
  void decliningInAppStartsTheCooldown() {
    String account = inAppAccount();
    String journey = touchedInApp(account);

    answerInApp(account, "declined");

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence("Task_RecordTouchAnswer", "Event_TouchDeclined", "Task_RecordOutcome")
        .doesNotContain("Task_CreateQuote", "UserTask_ProveValue");
    assertThat(offerStatus(account)).isEqualTo("DECLINED");
    assertThat(decision(account, "answer-route").outcome()).isEqualTo("cooldown");
    assertThat(decision(account, "outcome").outcome()).isEqualTo("declined");
  }

  @Test
  void silenceTimesOutOnTheEngineClockAndGoesBackToDetect() {
    String account = inAppAccount();
    String journey = touchedInApp(account);
    deliveredMessage(account, "in_app");

    advance(Duration.ofDays(7).plusMinutes(5));
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(
            () -> {
              advance(Duration.ofSeconds(30));
              return ExpansionJourney.AWAIT_SIGNAL.equals(
                  journeys.find(journey).orElseThrow().currentElement());
            });

    assertThat(completed(journey))
        .containsSubsequence(
            "Timer_TouchAnswerTimeout",
            "Task_RecordTouchAnswer",
            "Event_TouchUnanswered",
            "Task_RecordOutcome")
        .doesNotContain("UserTask_ProveValue", "Task_CreateQuote");
    assertThat(decision(account, "touch-answer").outcome()).isEqualTo("no-answer");
    assertThat(decision(account, "answer-route").outcome()).isEqualTo("detect");
    assertThat(offerStatus(account)).isEqualTo("NO_RESPONSE");
  }

  @Test
  void aTouchDeferredByQuietHoursLeavesAtTheirEndAndItsAnswerWindowStartsThen() {
    String account = inAppAccount();
    // 23:00 in the account's zone now: the touch waits for 08:00 there.
    int offset = 23 - now().withOffsetSameInstant(java.time.ZoneOffset.UTC).getHour();
    offset = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
    jdbc.sql("UPDATE accounts SET time_zone = ? WHERE id = ?")
        .params(java.time.ZoneOffset.ofHours(offset).getId(), account)
        .update();
    String journey = touchedInApp(account);
    String messageId =
        jdbc.sql(
                "SELECT o.message_id FROM outbox o JOIN touches t ON t.id = o.touch_id WHERE"
                    + " t.account_id = ?")
            .param(account)
            .query(String.class)
            .single();
    OffsetDateTime deliverAfter = message(messageId).deliverAfter();
    assertThat(deliverAfter).isAfter(now());

    relay.runOnce();
    assertThat(message(messageId).status()).isEqualTo("PENDING");

    advance(Duration.between(now(), deliverAfter).plusMinutes(1));
    relay.runOnce();

    OutboxMessage sent = message(messageId);
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.sentAt()).isAfterOrEqualTo(deliverAfter);
    assertThat(decision(account, "answer-window").inputs().get("closesAt"))
        .isEqualTo(deliverAfter.plusDays(7).toInstant().toString());
    answerInApp(account, "clicked");
    awaitTask(account, ExpansionJourney.PROVE_VALUE);
    assertThat(completed(journey)).contains("Task_RecordTouchAnswer");
  }
}
