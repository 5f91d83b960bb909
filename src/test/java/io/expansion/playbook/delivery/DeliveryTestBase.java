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
  protected final QueuedMessages queued;

  DeliveryTestBase(ApplicationContext context) {
    super(context);
    this.clock = context.getBean(Clock.class);
    this.outbox = context.getBean(OutboxMessages.class);
    this.queued = new QueuedMessages(jdbc, clock);
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

  protected String queue(
      String account, String channel, String purpose, OffsetDateTime deliverAfter) {
    return queued.queue(account, channel, purpose, deliverAfter);
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
