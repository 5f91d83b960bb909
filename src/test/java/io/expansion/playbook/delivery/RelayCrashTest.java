package io.expansion.playbook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expansion.playbook.support.Fixtures;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exactly once across crashes and competing relays: a relay stopped after claiming, one stopped
 * after an email left, two relays at once — GreenMail receives every message once, and a contact's
 * messages leave in order.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class RelayCrashTest extends DeliveryTestBase {

  private final ApplicationContext context;

  RelayCrashTest(ApplicationContext context) {
    super(context);
    this.context = context;
  }

  private List<String> emailsToNewAccounts(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(queue(fixtures.healthyAccount(Fixtures.allChannels(true)), "email", "offer", null));
    }
    return ids;
  }

  /** Message ids of the emails GreenMail received, in arrival order. */
  private static List<String> receivedIds() {
    return Arrays.stream(SMTP.getReceivedMessages()).map(RelayCrashTest::id).toList();
  }

  private static String id(MimeMessage email) {
    try {
      return email.getHeader("Message-ID")[0].replaceAll("^<|@.*$", "");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRelayStoppedAfterClaimingLeavesItsBatchToTheNextRelayOnceTheLeaseRunsOut() {
    List<String> ids = emailsToNewAccounts(3);

    OutboxRelay.Claimed claimed = relay.claim(); // ... and the relay dies here.
    assertThat(claimed.ids()).hasSize(3);
    assertThat(relay.runOnce().claimed()).as("still leased to the stopped relay").isZero();
    assertThat(SMTP.getReceivedMessages()).isEmpty();

    advance(Duration.ofMinutes(2).plusSeconds(5));
    OutboxRelay.Run restarted = relay.runOnce();

    assertThat(restarted.recovered()).isEqualTo(3);
    assertThat(restarted.sent()).isEqualTo(3);
    assertThat(receivedIds()).containsExactlyInAnyOrderElementsOf(ids);
    ids.forEach(id -> assertThat(message(id).status()).isEqualTo("SENT"));
  }

  @Test
  void aRelayStoppedAfterAnEmailLeftNeverSendsItAgain() {
    List<String> ids = emailsToNewAccounts(3);
    CrashingChannel.crashAfterDeliveries(2);

    assertThatThrownBy(relay::runOnce).isInstanceOf(CrashingChannel.SimulatedCrash.class);

    assertThat(ids.stream().map(id -> message(id).status()))
        .containsExactly("SENT", "SENDING", "CLAIMED");
    assertThat(receivedIds()).containsExactly(ids.get(0), ids.get(1));
    relay.runOnce();
    assertThat(receivedIds()).as("nothing moves while the leases hold").hasSize(2);

    advance(Duration.ofMinutes(2).plusSeconds(5));
    relay.runOnce();
    relay.runOnce();

    assertThat(receivedIds()).containsExactlyElementsOf(ids);
    OutboxMessage interrupted = message(ids.get(1));
    assertThat(interrupted.status()).isEqualTo("FAILED");
    assertThat(interrupted.statusReason())
        .contains("may have arrived", "not sent again", ids.get(1));
    assertThat(message(ids.get(2)).status()).isEqualTo("SENT");
  }

  @Test
  void twoRelaysAtOnceSendEveryMessageExactlyOnce() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String account = fixtures.healthyAccount(Fixtures.allChannels(true));
      ids.add(queue(account, "email", "offer", null));
      ids.add(queue(account, "email", "service", null));
      ids.add(queue(account, "in_app", "offer", null));
    }
    OutboxRelay second =
        new OutboxRelay(
            context.getBean(DeliveryStates.class),
            context.getBean(MessageDelivery.class),
            context.getBean(DeliveryProperties.class),
            context.getBean(TransactionTemplate.class),
            context.getBean(Clock.class));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (OutboxRelay r : List.of(relay, second)) {
        Callable<Integer> drain =
            () -> {
              int sent = 0;
              for (int i = 0; i < 40; i++) {
                sent += r.runOnce().sent();
              }
              return sent;
            };
        runs.add(pool.submit(drain));
      }
      int sent = 0;
      for (Future<Integer> run : runs) {
        sent += run.get(120, TimeUnit.SECONDS);
      }
      assertThat(sent).isEqualTo(ids.size());
    } finally {
      pool.shutdownNow();
    }
    assertThat(receivedIds()).hasSize(16).doesNotHaveDuplicates();
    ids.forEach(id -> assertThat(message(id).status()).isEqualTo("SENT"));
  }

  @Test
  void aContactsMessagesLeaveInOrderAndAFailingOneHoldsBackTheLaterOnes() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String first = queue(account, "email", "offer", null);
    String second = queue(account, "email", "service", null);
    String third = queue(account, "in_app", "service", null);
    SMTP.stop();
    try {
      relay.runOnce();
    } finally {
      SMTP.start();
    }
    assertThat(message(first).status()).isEqualTo("PENDING");
    assertThat(message(first).attempts()).isEqualTo(1);
    assertThat(message(second).attempts()).as("held back behind the first").isZero();
    assertThat(message(third).attempts()).isZero();

    advance(Duration.ofSeconds(61));
    for (int i = 0; i < 4; i++) {
      relay.runOnce();
    }

    assertThat(receivedIds()).containsExactly(first, second);
    assertThat(message(third).status()).isEqualTo("SENT");
    assertThat(message(first).sentAt()).isBeforeOrEqualTo(message(second).sentAt());
    assertThat(message(second).sentAt()).isBeforeOrEqualTo(message(third).sentAt());
  }
}
