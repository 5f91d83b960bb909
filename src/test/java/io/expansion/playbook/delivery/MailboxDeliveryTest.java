package io.expansion.playbook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.consent.PersonalData;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/**
 * The embedded default, no {@code spring.mail.host}: emails are written as they would be sent into
 * the local mailbox (nothing leaves the machine), shown by the outbox and mailbox APIs.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class MailboxDeliveryTest extends JourneyTestBase {

  private final TestRestTemplate http;
  private final TestRestTemplate ops;
  private final QueuedMessages queued;
  private final PersonalData personalData;
  private final ObjectMapper json = new ObjectMapper();

  MailboxDeliveryTest(
      ApplicationContext context, TestRestTemplate http, Clock clock, PersonalData personalData) {
    super(context);
    this.http = http.withBasicAuth("ops", "demo");
    this.ops = http.withBasicAuth("ops", "demo");
    this.queued = new QueuedMessages(jdbc, clock);
    this.personalData = personalData;
  }

  private JsonNode get(String path) throws Exception {
    return json.readTree(http.getForEntity(path, String.class).getBody());
  }

  @Test
  void anOfferEmailGoesToTheLocalMailboxWithItsHeadersAndUnsubscribeLink() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String id = queued.queue(account, "email", "offer", null);

    String delivered = deliveredMessage(account, "email");

    assertThat(delivered).isEqualTo(id);
    JsonNode email = get("/api/mailbox/" + id);
    assertThat(email.path("recipient").asText()).isEqualTo(account.toLowerCase() + "@example.test");
    JsonNode headers = email.path("headers");
    assertThat(headers.path("Message-ID").asText())
        .isEqualTo("<" + id + "@expansion-playbook.local>");
    assertThat(headers.path("List-Unsubscribe").asText())
        .startsWith("<http://localhost:8080/api/unsubscribe?token=" + id + ".");
    assertThat(headers.path("List-Unsubscribe-Post").asText())
        .isEqualTo("List-Unsubscribe=One-Click");
    assertThat(email.path("body").asText()).contains("Body of " + id, "/api/unsubscribe?token=");
    JsonNode outbox = get("/api/outbox?accountId=" + account);
    assertThat(outbox).hasSize(1);
    assertThat(outbox.get(0).path("status").asText()).isEqualTo("SENT");
    assertThat(outbox.get(0).path("statusReason").asText()).contains("local mailbox");
    assertThat(get("/api/outbox/" + id).path("email").path("messageId").asText()).isEqualTo(id);
    assertThat(get("/api/mailbox?recipient=" + account.toLowerCase() + "@example.test")).hasSize(1);
  }

  @Test
  void erasingTheContactScrubsItsEmailsInTheMailbox() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String id = queued.queue(account, "email", "marketing", null);
    deliveredMessage(account, "email");

    personalData.erase(account + "-C1", "privacy:test");

    await()
        .atMost(WAIT)
        .until(() -> get("/api/mailbox/" + id).path("recipient").asText().startsWith("erased:"));
    JsonNode email = get("/api/mailbox/" + id);
    assertThat(email.path("body").asText()).isEqualTo("[erased]");
    assertThat(email.toString()).doesNotContain(account.toLowerCase() + "@example.test");
  }

  @Test
  void badQueriesAreRefusedWithAReason() throws Exception {
    assertThat(ops.getForEntity("/api/outbox?status=LOST", String.class).getStatusCode().value())
        .isEqualTo(400);
    assertThat(get("/api/outbox?status=LOST").path("message").asText())
        .contains("Unknown status 'LOST'");
    assertThat(ops.getForEntity("/api/outbox?limit=0", String.class).getStatusCode().value())
        .isEqualTo(400);
    assertThat(ops.getForEntity("/api/outbox/nope", String.class).getStatusCode().value())
        .isEqualTo(404);
    assertThat(ops.getForEntity("/api/mailbox/nope", String.class).getStatusCode().value())
        .isEqualTo(404);
  }
}
