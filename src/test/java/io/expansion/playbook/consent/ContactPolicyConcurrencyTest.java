package io.expansion.playbook.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.consent.TouchGate.SendCommand;
import io.expansion.playbook.consent.Touches.Touch;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/**
 * Competing plays touch the same accounts at the same moment from several threads, through the send
 * path the send-touch worker uses; the stored touches are then checked: no cap, consent,
 * suppression or quiet-hours violation, each touch stored once, and every touch that was not made
 * has a decision row saying why.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ContactPolicyConcurrencyTest extends JourneyTestBase {

  private static final int THREADS = 8;
  private static final int ATTEMPTS_PER_THREAD = 36;
  private static final List<String> PLAYS =
      List.of("expansion", "onboarding", "health-remediation", "renewal", "win-back");
  private static final List<List<String>> CHANNEL_CHOICES =
      List.of(
          List.of("email"),
          List.of("in_app", "email"),
          List.of("sms", "email", "csm"),
          List.of("csm"),
          List.of("sms"));

  private final TouchGate gate;
  private final Touches touches;
  private final ContactPolicySettings settings;

  ContactPolicyConcurrencyTest(
      ApplicationContext context, TouchGate gate, Touches touches, ContactPolicySettings settings) {
    super(context);
    this.gate = gate;
    this.touches = touches;
    this.settings = settings;
  }

  record Target(String account, Map<String, Boolean> consents, ZoneId zone, boolean suppressed) {}

  @Test
  void competingPlaysNeverBreakTheContactPolicy() throws Exception {
    int utcHour = OffsetDateTime.now(ZoneOffset.UTC).getHour();
    ZoneId day = offsetFor(12, utcHour);
    ZoneId night = offsetFor(23, utcHour);
    List<Target> targets =
        List.of(
            target(Fixtures.allChannels(true), day, false),
            target(Fixtures.allChannels(true), night, false),
            target(Map.of("email", true, "in_app", false, "csm", true), day, false),
            target(Map.of("sms", true, "email", false), night, false),
            target(Fixtures.allChannels(true), day, true),
            target(Fixtures.allChannels(false), day, false));

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      results.add(
          pool.submit(
              () -> {
                start.await();
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                  Target target = targets.get((thread + i) % targets.size());
                  String purpose = ContactPolicy.PURPOSES.get((thread + i / targets.size()) % 3);
                  String play = PLAYS.get((thread + i / 3) % PLAYS.size());
                  // Keys repeat across threads: the same touch delivered twice, concurrently.
                  String key = play + ":" + target.account() + ":" + purpose + ":" + (i % 9);
                  gate.send(
                      new SendCommand(
                          key,
                          target.account(),
                          play + "-" + target.account(),
                          play,
                          new TouchIntent(
                              purpose,
                              CHANNEL_CHOICES.get((thread + i) % CHANNEL_CHOICES.size()),
                              ContactPolicy.OFFER.equals(purpose) ? "UPGRADE_FIBER" : null,
                              false),
                          null,
                          "Subject " + key,
                          "Body " + key));
                  keys.add(key);
                }
                return keys;
              }));
    }
    start.countDown();
    Set<String> attempted = new HashSet<>();
    for (Future<List<String>> result : results) {
      attempted.addAll(result.get());
    }
    pool.shutdown();

    for (Target target : targets) {
      List<Touch> stored = touches.forAccount(target.account());
      for (Touch touch : stored) {
        assertThat(target.consents().get(touch.channel()))
            .as("touch %s via %s without consent", touch.id(), touch.channel())
            .isTrue();
        OffsetDateTime deliverAt =
            touch.deliverAfter() == null ? touch.occurredAt() : touch.deliverAfter();
        assertThat(ContactPolicyPropertyTest.quiet(settings.quietHours(), deliverAt, target.zone()))
            .as("touch %s delivered in quiet hours at %s", touch.id(), deliverAt)
            .isFalse();
        if (target.suppressed()) {
          assertThat(touch.purpose()).isEqualTo("service");
        }
      }
      assertCaps(stored);
      if (target.zone().equals(night)) {
        assertThat(stored).allMatch(t -> t.deliverAfter() != null, "deferred");
      }
    }
    // Plenty of attempts: the caps are reached exactly where consent allows touching.
    Target open = targets.getFirst();
    List<Touch> openTouches = touches.forAccount(open.account());
    assertThat(openTouches.stream().filter(t -> t.purpose().equals("service"))).hasSize(3);
    assertThat(openTouches.stream().filter(t -> !t.purpose().equals("service"))).hasSize(2);
    assertThat(touches.forAccount(targets.getLast().account())).isEmpty();

    // Every attempted touch was either made once or blocked with a recorded reason.
    for (String key : attempted) {
      int made =
          jdbc.sql("SELECT COUNT(*) FROM touches WHERE business_key = ?")
              .param(key)
              .query(Integer.class)
              .single();
      boolean blocked = decisions.exists(key + ":blocked");
      assertThat(made + (blocked ? 1 : 0)).as("touch %s made or blocked, once", key).isEqualTo(1);
    }
    assertThat(
            decisionLog(targets.get(4).account()).stream()
                .filter(d -> d.outcome().equals("blocked-suppression")))
        .isNotEmpty()
        .allMatch(d -> d.rationale().contains("open P1 support case"));
  }

  private void assertCaps(List<Touch> stored) {
    CapAssertions.assertWithinCaps(settings, stored);
  }

  private Target target(Map<String, Boolean> consents, ZoneId zone, boolean suppressed) {
    String account = fixtures.healthyAccount(consents);
    jdbc.sql("UPDATE accounts SET time_zone = ? WHERE id = ?")
        .params(zone.getId(), account)
        .update();
    if (suppressed) {
      jdbc.sql(
              "INSERT INTO signals (account_id, type, occurred_at, received_at, attributes,"
                  + " routing) VALUES (?, 'support_case_opened', ?, ?, ?, 'RECORDED')")
          .params(
              account,
              OffsetDateTime.now().minusHours(3),
              OffsetDateTime.now().minusHours(3),
              "{\"caseId\":\"CASE-9\",\"priority\":\"P1\"}")
          .update();
    }
    return new Target(account, consents, zone, suppressed);
  }

  /** A fixed-offset zone where it is now about {@code localHour} o'clock. */
  private static ZoneId offsetFor(int localHour, int utcHour) {
    int offset = localHour - utcHour;
    if (offset > 14) {
      offset -= 24;
    }
    if (offset < -12) {
      offset += 24;
    }
    return ZoneOffset.ofHours(offset);
  }
}
