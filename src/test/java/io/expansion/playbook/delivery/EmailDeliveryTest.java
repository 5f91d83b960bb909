package io.expansion.playbook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.expansion.playbook.consent.ContactPolicy;
import io.expansion.playbook.consent.TouchGate;
import io.expansion.playbook.consent.TouchIntent;
import io.expansion.playbook.support.Fixtures;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestConstructor;
import org.springframework.util.LinkedMultiValueMap;

/** Email touches over SMTP, to GreenMail: headers, unsubscribe link, retries, one-click opt-out. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class EmailDeliveryTest extends DeliveryTestBase {

  private static final Pattern LINK =
      Pattern.compile("<https://cs\\.example\\.test(/api/unsubscribe\\?token=[^>]+)>");

  private final TestRestTemplate http;
  private final TestRestTemplate ops;
  private final TouchGate gate;

  EmailDeliveryTest(ApplicationContext context, TestRestTemplate http, TouchGate gate) {
    super(context);
    this.http = http;
    this.ops = http.withBasicAuth("ops", "demo");
    this.gate = gate;
  }

  private MimeMessage onlyEmail() {
    assertThat(SMTP.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }

  private static String header(MimeMessage email, String name) throws Exception {
    String[] values = email.getHeader(name);
    return values == null ? null : values[0];
  }

  @Test
  void anOfferEmailArrivesWithItsMessageIdAndAOneClickUnsubscribeLink() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String id = queue(account, "email", "offer", null);

    assertThat(relay.runOnce().sent()).isEqualTo(1);

    MimeMessage email = onlyEmail();
    assertThat(header(email, "Message-ID")).isEqualTo("<" + id + "@expansion-playbook.local>");
    assertThat(email.getAllRecipients()[0].toString())
        .isEqualTo(account.toLowerCase() + "@example.test");
    assertThat(email.getSubject()).isEqualTo(message(id).subject());
    String listUnsubscribe = header(email, "List-Unsubscribe");
    Matcher link = LINK.matcher(listUnsubscribe);
    assertThat(link.matches()).as(listUnsubscribe).isTrue();
    assertThat(link.group(1)).startsWith("/api/unsubscribe?token=" + id + ".");
    assertThat(header(email, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
    assertThat(GreenMailUtil.getBody(email))
        .contains("Body of " + id)
        .contains("https://cs.example.test" + link.group(1));
    OutboxMessage sent = message(id);
    assertThat(sent.status()).isEqualTo("SENT");
    assertThat(sent.attempts()).isEqualTo(1);
    assertThat(sent.statusReason()).contains("smtp");
    assertThat(decision(account, "delivery").outcome()).isEqualTo("sent");
  }

  @Test
  void aServiceEmailHasNoUnsubscribeHeaders() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    queue(account, "email", "service", null);

    relay.runOnce();

    MimeMessage email = onlyEmail();
    assertThat(header(email, "List-Unsubscribe")).isNull();
    assertThat(header(email, "List-Unsubscribe-Post")).isNull();
    assertThat(GreenMailUtil.getBody(email)).doesNotContain("unsubscribe");
  }

  @Test
  void anSmtpFailureIsRetriedAfterTheBackoffAndTheEmailSentOnce() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String id = queue(account, "email", "offer", null);
    SMTP.stop();
    try {
      relay.runOnce();
    } finally {
      SMTP.start();
    }
    OutboxMessage failed = message(id);
    assertThat(failed.status()).isEqualTo("PENDING");
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.statusReason()).startsWith("attempt 1 failed: SMTP");
    assertThat(failed.nextAttemptAt()).isAfter(now().plusSeconds(50));

    assertThat(relay.runOnce().claimed()).as("waits for its backoff").isZero();
    advance(Duration.ofSeconds(61));
    assertThat(relay.runOnce().sent()).isEqualTo(1);
    relay.runOnce();

    onlyEmail();
    assertThat(message(id).status()).isEqualTo("SENT");
    assertThat(message(id).attempts()).isEqualTo(2);
  }

  @Test
  void theLastFailedAttemptRecordsFailedWithTheReasonAndARetryQueuesItAgain() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String id = queue(account, "email", "offer", null);
    SMTP.stop();
    try {
      relay.runOnce();
      advance(Duration.ofSeconds(61));
      relay.runOnce();
      advance(Duration.ofSeconds(121));
      relay.runOnce();
    } finally {
      SMTP.start();
    }
    OutboxMessage failed = message(id);
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.statusReason()).startsWith("failed after 3 attempts; last: SMTP");
    assertThat(decision(account, "delivery").outcome()).isEqualTo("failed");
    assertThat(SMTP.getReceivedMessages()).isEmpty();

    var retried = ops.postForEntity("/api/outbox/" + id + "/retry", null, String.class);
    assertThat(retried.getStatusCode().value()).isEqualTo(200);
    assertThat(
            ops.postForEntity("/api/outbox/" + id + "/retry", null, String.class)
                .getStatusCode()
                .value())
        .as("only a FAILED message is queued again")
        .isEqualTo(409);
    relay.runOnce();
    onlyEmail();
    assertThat(message(id).status()).isEqualTo("SENT");
  }

  @Test
  void oneClickUnsubscribeTurnsEmailConsentOffAndNoLaterEmailIsSent() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String contact = account + "-C1";
    String first = queue(account, "email", "marketing", null);
    String later = queue(account, "email", "marketing", now().plusHours(1));
    relay.runOnce();
    Matcher link = LINK.matcher(header(onlyEmail(), "List-Unsubscribe"));
    assertThat(link.matches()).isTrue();
    String path = link.group(1);

    // A link scanner or a person opening the link only sees the page.
    var page = http.getForEntity(path, String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("<form method=\"post\"", "Unsubscribe");
    assertThat(consent(contact)).isTrue();

    // The mail client's one-click POST (RFC 8058).
    HttpHeaders form = new HttpHeaders();
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
    body.add("List-Unsubscribe", "One-Click");
    var done = http.postForEntity(path, new HttpEntity<>(body, form), String.class);
    assertThat(done.getStatusCode().value()).isEqualTo(200);
    assertThat(done.getBody()).contains("You are unsubscribed");
    assertThat(http.postForEntity(path, new HttpEntity<>(body, form), String.class).getBody())
        .contains("already");

    assertThat(consent(contact)).isFalse();
    assertThat(
            jdbc.sql(
                    "SELECT source FROM consent_changes WHERE contact_id = ? AND channel = 'email'"
                        + " ORDER BY id DESC")
                .param(contact)
                .query(String.class)
                .list()
                .getFirst())
        .isEqualTo("unsubscribe-link");
    // the message's answer and its decision follow when the queued signal is routed
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(() -> "unsubscribed".equals(message(first).engagement()));
    assertThat(decision(account, "touch-answer").outcome()).isEqualTo("unsubscribed");
    assertThat(count("signals", account)).isGreaterThanOrEqualTo(1);

    // The email queued before the opt-out is not sent; a new email touch is not even made.
    advance(Duration.ofMinutes(61));
    relay.runOnce();
    assertThat(message(later).status()).isEqualTo("CANCELLED");
    assertThat(message(later).statusReason()).contains("not opted in to email");
    var sent =
        gate.send(
            new TouchGate.SendCommand(
                "after-unsubscribe-" + account,
                account,
                "J-" + account,
                "test",
                new TouchIntent(ContactPolicy.MARKETING, List.of("email"), null, false),
                null,
                "Another newsletter",
                "…"));
    assertThat(sent.blocked()).isTrue();
    assertThat(sent.blockedReason()).contains("opted out");
    relay.runOnce();
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aForgedUnsubscribeLinkIsRefusedAndChangesNothing() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String id = queue(account, "email", "marketing", null);
    relay.runOnce();
    String forged = "/api/unsubscribe?token=" + id + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    assertThat(http.postForEntity(forged, null, String.class).getStatusCode().value())
        .isEqualTo(400);
    assertThat(http.getForEntity(forged, String.class).getStatusCode().value()).isEqualTo(400);
    assertThat(consent(account + "-C1")).isTrue();
    assertThat(message(id).engagement()).isNull();
  }

  private boolean consent(String contact) {
    return jdbc.sql(
            "SELECT opted_in FROM contact_consents WHERE contact_id = ? AND channel = 'email'")
        .param(contact)
        .query(Boolean.class)
        .single();
  }
}
