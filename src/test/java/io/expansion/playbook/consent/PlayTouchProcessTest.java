package io.expansion.playbook.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import io.expansion.playbook.support.TouchFragment;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/**
 * The check-consent and send-touch task types as every play uses them (a {@code touchRequest}), on
 * the embedded engine with the real workers, and the expansion journey deferred by quiet hours.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayTouchProcessTest extends JourneyTestBase {

  private static final String PROCESS = "test-play-touch";

  private final CamundaClient client;

  PlayTouchProcessTest(ApplicationContext context, CamundaClient client) {
    super(context);
    this.client = client;
  }

  /** The touch fragment a play's BPMN is made of: check, gateway on the allowed channels, send. */
  @BeforeAll
  void deployPlayFragment() {
    var model = TouchFragment.model(PROCESS);
    client.newDeployResourceCommand().addProcessModel(model, PROCESS + ".bpmn").send().join();
  }

  private Map<String, Object> runPlay(String account, String journey, Map<String, Object> request) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(PROCESS)
        .latestVersion()
        .variables(
            Map.of(
                "accountId",
                account,
                "journeyId",
                journey,
                "play",
                "onboarding",
                "touchRequest",
                request))
        .withResult()
        .requestTimeout(Duration.ofSeconds(30))
        .send()
        .join()
        .getVariablesAsMap();
  }

  @Test
  @SuppressWarnings("unchecked")
  void playTouchUsesTheFirstAllowedChannelOnceAndQueuesTheMessage() {
    String account =
        fixtures.healthyAccount(Map.of("email", true, "in_app", false, "csm", true, "sms", false));
    Map<String, Object> request =
        Map.of(
            "key", "guided-help",
            "purpose", "service",
            "subject", "Getting started",
            "body", "Three steps to your first report.",
            "channels", List.of("in_app", "email", "csm"));

    Map<String, Object> first = runPlay(account, "J-" + account, request);
    Map<String, Object> consent = (Map<String, Object>) first.get("consent");
    assertThat((List<String>) consent.get("allowedChannels")).containsExactly("email", "csm");
    assertThat((Map<String, String>) consent.get("blocked")).containsEntry("in_app", "opted out");
    Map<String, Object> touch = (Map<String, Object>) first.get("touch");
    assertThat(touch.get("channel")).isEqualTo("email");
    assertThat(touch.get("status")).isIn("sent", "deferred");

    // The same touch again (a redelivery, or the play re-entering the step) is the same touch.
    Map<String, Object> again = runPlay(account, "J-" + account, request);
    assertThat(((Map<String, Object>) again.get("touch")).get("id")).isEqualTo(touch.get("id"));
    assertThat(count("touches", account)).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT o.subject FROM outbox o JOIN touches t ON t.id = o.touch_id"
                        + " WHERE t.account_id = ? AND t.play = 'onboarding'"
                        + " AND t.purpose = 'service' AND t.business_key = ?")
                .params(account, "J-" + account + ":guided-help")
                .query(String.class)
                .list())
        .containsExactly("Getting started");
  }

  @Test
  void suppressedMarketingTouchIsSkippedWithTheReasonRecorded() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    jdbc.sql(
            "INSERT INTO signals (account_id, type, occurred_at, received_at, attributes, routing)"
                + " VALUES (?, 'invoice_overdue', ?, ?, ?, 'RECORDED')")
        .params(
            account,
            OffsetDateTime.now().minusDays(2),
            OffsetDateTime.now().minusDays(2),
            "{\"invoiceId\":\"INV-77\",\"amount\":340.5,\"daysOverdue\":21}")
        .update();

    Map<String, Object> result =
        runPlay(
            account,
            "J-" + account,
            Map.of(
                "key", "webinar",
                "purpose", "marketing",
                "subject", "Join our webinar",
                "body", "…",
                "channels", List.of("email")));

    assertThat(result).doesNotContainKey("touch");
    assertThat(count("touches", account)).isZero();
    var decision = decision(account, "contact-policy");
    assertThat(decision.outcome()).isEqualTo("no-touch");
    assertThat(decision.rationale()).contains("overdue invoice INV-77", "21 days overdue");
    assertThat(decision.inputs()).containsEntry("blockedBy", "suppression");
  }

  @Test
  void expansionTouchInQuietHoursIsDeferredNotDropped() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    int offset = 23 - OffsetDateTime.now(ZoneOffset.UTC).getHour();
    offset = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
    String zone = ZoneOffset.ofHours(offset).getId();
    jdbc.sql("UPDATE accounts SET time_zone = ? WHERE id = ?").params(zone, account).update();

    signal(account, "intent", Map.of("topic", "pricing_page"));
    awaitTask(account, ExpansionJourney.CSM_OUTREACH);

    OffsetDateTime deliverAfter =
        jdbc.sql("SELECT deliver_after FROM touches WHERE account_id = ?")
            .param(account)
            .query(OffsetDateTime.class)
            .single();
    assertThat(deliverAfter).isAfter(OffsetDateTime.now());
    assertThat(deliverAfter.atZoneSameInstant(ZoneOffset.of(zone)).getHour()).isEqualTo(8);
    var deferred =
        decisionLog(account).stream()
            .filter(d -> d.outcome().equals("deferred"))
            .findFirst()
            .orElseThrow();
    assertThat(deferred.rule()).isEqualTo("contact-policy");
    assertThat(deferred.rationale()).contains("quiet hours 20:00-08:00 in " + zone);
  }
}
