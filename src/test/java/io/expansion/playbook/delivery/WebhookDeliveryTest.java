package io.expansion.playbook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/** Other channels (here SMS) go to the webhook: signed, replay-safe, retried, never lost. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class WebhookDeliveryTest extends DeliveryTestBase {

  private final TestRestTemplate http;
  private final TestRestTemplate ops;
  private final ObjectMapper json = new ObjectMapper();

  WebhookDeliveryTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http;
    this.ops = http.withBasicAuth("ops", "demo");
  }

  private String smsAccount() {
    return fixtures.healthyAccount(Map.of("email", true, "in_app", true, "csm", true, "sms", true));
  }

  @Test
  void anSmsMessageIsPostedSignedAndTheReceiverVerifiesItsSignature() throws Exception {
    String account = smsAccount();
    String id = queue(account, "sms", "offer", null);

    assertThat(relay.runOnce().sent()).isEqualTo(1);

    assertThat(RECEIVER.received()).hasSize(1);
    WebhookReceiver.Request request = RECEIVER.received().getFirst();
    assertThat(request.idempotencyKey()).isEqualTo(id);
    assertThat(RECEIVER.genuine(request)).isTrue();
    assertThat(RECEIVER.processed()).hasSize(1);
    JsonNode body = json.readTree(request.body());
    assertThat(body.path("messageId").asText()).isEqualTo(id);
    assertThat(body.path("channel").asText()).isEqualTo("sms");
    assertThat(body.path("contactId").asText()).isEqualTo(account + "-C1");
    assertThat(body.path("unsubscribeUrl").asText())
        .startsWith("https://cs.example.test/api/unsubscribe?token=" + id + ".");
    assertThat(message(id).status()).isEqualTo("SENT");

    // What the signature protects: the body, and the time it was sent.
    var tampered =
        new WebhookReceiver.Request(
            request.idempotencyKey(),
            request.timestamp(),
            request.signature(),
            request.body().replace("\"sms\"", "\"email\""));
    assertThat(RECEIVER.genuine(tampered)).isFalse();
    advance(Duration.ofMinutes(10));
    assertThat(RECEIVER.genuine(request)).as("a replay ten minutes later").isFalse();
  }

  @Test
  void aReceiverThatIsDownIsRetriedReportedAndNeverLost() {
    String account = smsAccount();
    String id = queue(account, "sms", "offer", null);
    RECEIVER.failNext(3);

    relay.runOnce();
    assertThat(message(id).status()).isEqualTo("PENDING");
    assertThat(message(id).statusReason()).contains("attempt 1 failed: webhook answered 503");
    advance(Duration.ofSeconds(61));
    relay.runOnce();
    advance(Duration.ofSeconds(121));
    relay.runOnce();

    OutboxMessage failed = message(id);
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.statusReason())
        .isEqualTo("failed after 3 attempts; last: webhook answered 503");
    assertThat(decision(account, "delivery").outcome()).isEqualTo("failed");
    assertThat(RECEIVER.received()).hasSize(3);

    assertThat(
            ops.postForEntity("/api/outbox/" + id + "/retry", null, String.class)
                .getStatusCode()
                .value())
        .isEqualTo(200);
    relay.runOnce();
    assertThat(message(id).status()).isEqualTo("SENT");
    assertThat(RECEIVER.processed()).hasSize(1);
    assertThat(decisionLog(account))
        .anyMatch(
            d -> d.outcome().equals("requeued") && d.rationale().contains("queued again by ops"));
  }

  @Test
  void aDeliveryInterruptedByACrashIsRepeatedWithTheSameKeyAndProcessedOnce() {
    String account = smsAccount();
    String id = queue(account, "sms", "service", null);
    CrashingChannel.crashAfterDeliveries(1);

    assertThatThrownBy(relay::runOnce).isInstanceOf(CrashingChannel.SimulatedCrash.class);
    assertThat(message(id).status()).isEqualTo("SENDING");

    advance(Duration.ofMinutes(2).plusSeconds(5));
    relay.runOnce();

    assertThat(message(id).status()).isEqualTo("SENT");
    assertThat(RECEIVER.received())
        .hasSize(2)
        .allMatch(r -> r.idempotencyKey().equals(id))
        .allMatch(RECEIVER::genuine);
    assertThat(RECEIVER.processed()).as("the receiver drops the repeat").hasSize(1);
  }
}
