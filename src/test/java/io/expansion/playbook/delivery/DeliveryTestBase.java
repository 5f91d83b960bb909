package io.expansion.playbook.delivery;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.expansion.playbook.support.JourneyTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app with a real SMTP server (GreenMail, on a loopback port), a webhook receiver, the relay
 * driven by the test ({@code relay.enabled=false}) and the app clock following the engine clock
 * ({@link DeliveryTestConfiguration}): {@link #advance} moves both.
 */
@Import(DeliveryTestConfiguration.class)
abstract class DeliveryTestBase extends JourneyTestBase {

  static final int SMTP_PORT = freePort();
  static final WebhookReceiver RECEIVER = new WebhookReceiver();

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void deliveryProperties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:delivery;DB_CLOSE_DELAY=-1");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("expansion.delivery.relay.enabled", () -> "false");
    registry.add("expansion.delivery.relay.max-attempts", () -> "3");
    registry.add("expansion.delivery.relay.backoff", () -> "PT1M");
    registry.add("expansion.delivery.relay.lease", () -> "PT2M");
    registry.add("expansion.delivery.public-base-url", () -> "https://cs.example.test");
    registry.add("expansion.delivery.webhook.url", RECEIVER::url);
    registry.add("expansion.delivery.webhook.secret", () -> WebhookReceiver.SECRET);
    registry.add("expansion.delivery.webhook.channels", () -> "sms");
  }

  protected final Clock clock;
  protected final OutboxMessages outbox;

  DeliveryTestBase(ApplicationContext context) {
    super(context);
    this.clock = context.getBean(Clock.class);
    this.outbox = context.getBean(OutboxMessages.class);
  }

  @BeforeEach
  void cleanSlate() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
    RECEIVER.reset();
    RECEIVER.clock(clock::instant);
    CrashingChannel.noCrash();
  }

  /** Moves the engine clock, and with it the app clock. */
  protected void advance(Duration duration) {
    engine.increaseTime(duration);
  }

  protected OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  /**
   * Queues a message for the account's contact as the touch gate would (a touch and its outbox
   * row), without a journey: the relay's tests need many messages and exact timing.
   */
  protected String queue(
      String account, String channel, String purpose, OffsetDateTime deliverAfter) {
    String messageId = UUID.randomUUID().toString();
    String contact = account + "-C1";
    OffsetDateTime now = now();
    jdbc.sql(
            "INSERT INTO touches (business_key, account_id, contact_id, journey_id, play,"
                + " purpose, channel, occurred_at, deliver_after) VALUES (?, ?, ?, 'test',"
                + " 'test', ?, ?, ?, ?)")
        .params("test:" + messageId, account, contact, purpose, channel, now, deliverAfter)
        .update();
    long touchId =
        jdbc.sql("SELECT id FROM touches WHERE business_key = ?")
            .param("test:" + messageId)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO outbox (touch_id, message_id, contact_id, channel, recipient, subject,"
                + " body, status, created_at, deliver_after) SELECT ?, ?, c.id, ?, c.email, ?, ?,"
                + " 'PENDING', ?, ? FROM contacts c WHERE c.id = ?")
        .params(
            touchId,
            messageId,
            channel,
            "Message " + messageId.substring(0, 8),
            "Body of " + messageId,
            now,
            deliverAfter,
            contact)
        .update();
    return messageId;
  }

  protected OutboxMessage message(String messageId) {
    return outbox.byMessageId(messageId).orElseThrow();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
