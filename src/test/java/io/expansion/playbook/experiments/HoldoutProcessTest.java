package io.expansion.playbook.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.expansion.playbook.decisions.Decision;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.plays.Play;
import io.expansion.playbook.support.TouchFragment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/**
 * The global holdout on the real BPMN and workers: a held-out account gets no touch from any play,
 * and every touch it would have received is a {@code held-out} decision naming the touch.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoldoutProcessTest extends ExperimentsTestBase {

  private static final String FRAGMENT = "test-holdout-touch";

  private final CamundaClient client;

  HoldoutProcessTest(ApplicationContext context, CamundaClient client) {
    super(context);
    this.client = client;
  }

  /** The touch steps every play's BPMN is made of: check consent, then send. */
  @BeforeAll
  void deployTouchFragment() {
    var model = TouchFragment.model(FRAGMENT);
    client.newDeployResourceCommand().addProcessModel(model, FRAGMENT + ".bpmn").send().join();
  }

  private List<Decision> heldOutDecisions(String account) {
    return decisionLog(account).stream().filter(d -> d.rule().equals(GlobalHoldout.RULE)).toList();
  }

  @Test
  void theExpansionJourneyMakesNoTouchAndRecordsTheOfferTouchItWouldHaveBeen() {
    String account = healthyAccountWhere(ExperimentsTestBase::hashedIntoHoldout);
    String journey = signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();

    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    assertThat(completed(journey))
        .containsSubsequence(
            "Task_AssignExperiment", "Task_CheckConsent", "Task_SelectOffer", "Task_SendTouch")
        .doesNotContain("UserTask_CsmOutreach", "Task_OpenAnswerWindow");
    assertThat(count("touches", account)).isZero();
    Decision heldOut = heldOutDecisions(account).getFirst();
    assertThat(heldOut.outcome()).isEqualTo(GlobalHoldout.HELD_OUT);
    String offer = decision(account, "next-best-offer").outcome();
    assertThat(heldOut.inputs())
        .containsEntry("play", "expansion")
        .containsEntry("purpose", "offer")
        .containsEntry("offerCode", offer.substring(0, offer.indexOf(' ')))
        .containsEntry("channel", offer.substring(offer.lastIndexOf(' ') + 1));
    assertThat(heldOut.rationale()).contains("global holdout", "would have been expansion's offer");
    assertThat(
            jdbc.sql("SELECT held_out FROM holdout_assignments WHERE account_id = ?")
                .param(account)
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void theWinBackPlayMakesNoTouchButItsCsmCallStays() {
    String account = healthyAccountWhere(ExperimentsTestBase::hashedIntoHoldout);
    signal(account, "product_usage", Map.of("activeUsers", 50));
    signal(account, "product_usage", Map.of("activeUsers", 38));

    awaitTask(account, "UserTask_WinBackCall");
    assertThat(count("touches", account)).isZero();
    assertThat(heldOutDecisions(account))
        .singleElement()
        .satisfies(d -> assertThat(d.inputs()).containsEntry("play", "win-back"));
  }

  @Test
  void everyPlaysTouchIsHeldOutAndAnAccountOutsideTheHoldoutIsTouched() {
    String account = healthyAccountWhere(ExperimentsTestBase::hashedIntoHoldout);
    for (Play play : Play.values()) {
      Map<String, Object> result = runTouch(account, play.code());
      @SuppressWarnings("unchecked")
      Map<String, Object> touch = (Map<String, Object>) result.get("touch");
      assertThat(touch.get("status")).as(play.code()).isEqualTo("blocked");
      assertThat(touch.get("reason").toString()).contains("held-out");
    }
    assertThat(count("touches", account)).isZero();
    assertThat(heldOutDecisions(account).stream().map(d -> d.inputs().get("play")))
        .containsExactlyInAnyOrder(
            java.util.Arrays.stream(Play.values()).map(Play::code).toArray());

    String touched = healthyAccountWhere(a -> !hashedIntoHoldout(a));
    Map<String, Object> result = runTouch(touched, Play.ONBOARDING.code());
    assertThat(result.get("touch").toString()).doesNotContain("blocked");
    assertThat(count("touches", touched)).isEqualTo(1);
    assertThat(heldOutDecisions(touched)).isEmpty();
    GlobalHoldout.Summary summary = holdout.summary();
    assertThat(summary.accountsHeldOut()).isPositive();
    assertThat(summary.touchesReceived()).isZero();
    assertThat(summary.heldOutDecisions()).isGreaterThanOrEqualTo(Play.values().length);
  }

  private Map<String, Object> runTouch(String account, String play) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(FRAGMENT)
        .latestVersion()
        .variables(
            Map.of(
                "accountId",
                account,
                "journeyId",
                "J-" + play + "-" + account,
                "play",
                play,
                "touchRequest",
                Map.of(
                    "key", play + "-check-in",
                    "purpose", "service",
                    "subject", "Checking in",
                    "body", "How is it going?",
                    "channels", List.of("email", "in_app"))))
        .withResult()
        .requestTimeout(Duration.ofSeconds(30))
        .send()
        .join()
        .getVariablesAsMap();
  }
}
