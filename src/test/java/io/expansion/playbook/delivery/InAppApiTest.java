package io.expansion.playbook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/** The in-app API as the customer's product calls it, and what it refuses. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class InAppApiTest extends DeliveryTestBase {

  private final TestRestTemplate http;
  private final TestRestTemplate ops;
  private final ObjectMapper json = new ObjectMapper();

  InAppApiTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("integration", "demo");
    this.ops = http.withBasicAuth("ops", "demo");
  }

  private ResponseEntity<String> event(String messageId, String type, String contactId) {
    return http.postForEntity(
        "/api/in-app/messages/" + messageId + "/events",
        Map.of("type", type, "contactId", contactId),
        String.class);
  }

  private JsonNode read(ResponseEntity<String> response) throws Exception {
    return json.readTree(response.getBody());
  }

  /** An account touched in-app with an offer by its journey, the message delivered. */
  private String offerMessage(String account) {
    fixtures.inDaytime(account, clock.instant());
    String journey =
        signal(account, "license_utilization", Map.of("utilizationPct", 85)).journeyId();
    awaitAt(journey, ExpansionJourney.AWAIT_TOUCH_ANSWER);
    return deliveredMessage(account, "in_app");
  }

  private String lowValueAccount() {
    return fixtures.account(
        "one-year",
        new BigDecimal("60.00"),
        20,
        "Mailed check",
        List.of("PHONE", "INTERNET_DSL", "STREAMING_TV", "CONTRACT_ONE_YEAR"),
        Fixtures.allChannels(true));
  }

  @Test
  void theProductPullsTheContactsMessagesWithTheOfferAndTheEventsThatApply() throws Exception {
    String account = lowValueAccount();
    String id = offerMessage(account);

    JsonNode messages =
        read(http.getForEntity("/api/in-app/messages?contactId=" + account + "-C1", String.class));

    assertThat(messages).hasSize(1);
    JsonNode message = messages.get(0);
    assertThat(message.path("id").asText()).isEqualTo(id);
    assertThat(message.path("purpose").asText()).isEqualTo("offer");
    assertThat(message.path("offer").path("code").asText()).isEqualTo("UPGRADE_FIBER");
    assertThat(message.path("offer").path("selfServe").asBoolean()).isFalse();
    assertThat(message.path("events").toString()).contains("accepted", "declined", "dismissed");

    var shown = event(id, "shown", account + "-C1");
    assertThat(shown.getStatusCode().value()).isEqualTo(201);
    assertThat(read(shown).path("signalType").asText()).isEqualTo("touch_opened");
    assertThat(event(id, "shown", account + "-C1").getStatusCode().value())
        .as("the same event again")
        .isEqualTo(200);
    assertThat(event(id, "dismissed", account + "-C1").getStatusCode().value()).isEqualTo(201);
    assertThat(
            read(
                http.getForEntity(
                    "/api/in-app/messages?contactId=" + account + "-C1", String.class)))
        .as("a dismissed message is no longer shown")
        .isEmpty();
    assertThat(
            read(
                http.getForEntity(
                    "/api/in-app/messages?all=true&contactId=" + account + "-C1", String.class)))
        .hasSize(1);
    JsonNode detail = read(ops.getForEntity("/api/outbox/" + id, String.class));
    assertThat(detail.path("message").path("status").asText()).isEqualTo("SENT");
    assertThat(detail.path("message").path("engagement").asText()).isEqualTo("dismissed");
    assertThat(detail.path("events").findValuesAsText("type"))
        .containsExactly("opened", "dismissed");
    assertThat(
            read(
                ops.getForEntity(
                    "/api/outbox?accountId=" + account + "&status=SENT", String.class)))
        .hasSize(1);
  }

  @Test
  void anUnknownOrForeignMessageIs404AndAnAnswerThatDoesNotApplyIs409() throws Exception {
    String account = lowValueAccount();
    String id = offerMessage(account);
    String other = fixtures.healthyAccount(Fixtures.allChannels(true));
    String service = queue(other, "in_app", "service", null);
    String pending =
        queue(
            other,
            "in_app",
            "offer",
            clock.instant().atOffset(java.time.ZoneOffset.UTC).plusHours(3));
    relay.runOnce();

    var unknown = event("no-such-message", "clicked", account + "-C1");
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(read(unknown).path("message").asText()).contains("Unknown in-app message");
    assertThat(event(id, "clicked", other + "-C1").getStatusCode().value())
        .as("another contact's message")
        .isEqualTo(404);
    var notAnOffer = event(service, "accepted", other + "-C1");
    assertThat(notAnOffer.getStatusCode().value()).isEqualTo(409);
    assertThat(read(notAnOffer).path("message").asText()).contains("makes no offer");
    assertThat(event(pending, "clicked", other + "-C1").getStatusCode().value())
        .as("not delivered yet")
        .isEqualTo(409);
    var badType = event(id, "liked", account + "-C1");
    assertThat(badType.getStatusCode().value()).isEqualTo(400);
    assertThat(read(badType).path("message").asText()).contains("Unknown event type 'liked'");
    assertThat(
            http.getForEntity("/api/in-app/messages?contactId=nobody", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
    assertThat(http.getForEntity("/api/in-app/messages", String.class).getStatusCode().value())
        .isEqualTo(400);

    assertThat(event(id, "declined", account + "-C1").getStatusCode().value()).isEqualTo(201);
    var acceptAfterDecline = event(id, "accepted", account + "-C1");
    assertThat(acceptAfterDecline.getStatusCode().value()).isEqualTo(409);
    assertThat(read(acceptAfterDecline).path("message").asText()).contains("already declined");
    assertThat(count("quotes", account)).isZero();
  }

  @Test
  void answersPostedAsSignalsAreCheckedTheSameWay() throws Exception {
    String account = lowValueAccount();
    String id = offerMessage(account);
    String other = fixtures.healthyAccount(Fixtures.allChannels(true));

    var foreign =
        http.postForEntity(
            "/api/signals",
            Map.of(
                "accountId",
                other,
                "type",
                "offer_accepted",
                "attributes",
                Map.of("messageId", id)),
            String.class);
    assertThat(foreign.getStatusCode().value()).isEqualTo(404);
    var clicked =
        http.postForEntity(
            "/api/signals",
            Map.of(
                "accountId",
                account,
                "type",
                "touch_clicked",
                "attributes",
                Map.of("messageId", id, "source", "marketing-platform")),
            String.class);
    assertThat(clicked.getStatusCode().value()).isEqualTo(202);
    assertThat(read(clicked).path("routing").asText()).isEqualTo("QUEUED");
    long signalId = read(clicked).path("id").asLong();
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(
            () ->
                read(http.getForEntity("/api/signals/" + signalId, String.class))
                    .path("routing")
                    .asText(),
            "TOUCH_ANSWER"::equals);

    awaitTask(account, ExpansionJourney.PROVE_VALUE);
    assertThat(decision(account, "touch-answer").inputs())
        .containsEntry("source", "marketing-platform");
    assertThat(count("signals", account)).isEqualTo(2);
  }
}
