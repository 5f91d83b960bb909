package io.expansion.playbook.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.consent.ContactFacts.Decline;
import io.expansion.playbook.consent.ContactFacts.PastTouch;
import io.expansion.playbook.consent.ContactFacts.SignalFact;
import io.expansion.playbook.consent.ContactPolicySettings.Cap;
import io.expansion.playbook.consent.ContactPolicySettings.QuietHours;
import io.expansion.playbook.consent.ContactPolicySettings.Suppression;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random contact-policy configurations, consents and sequences of touches, consent changes,
 * support-case, invoice and decline signals, run through {@link ContactPolicy} as the touch gate
 * runs it; the touches it lets through are then checked by independent oracles: never a touch
 * without consent, never above a cap (per account and per contact, by delivery time), never
 * delivered in quiet hours, never while suppressed or cooling down, and quiet hours defer a touch
 * instead of dropping it.
 */
class ContactPolicyPropertyTest {

  static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 5, 0, 0, 0, 0, ZoneOffset.UTC);
  static final List<String> ZONES =
      List.of(
          "UTC",
          "Europe/Berlin",
          "America/New_York",
          "Asia/Kolkata",
          "Pacific/Auckland",
          "America/St_Johns");

  /** One step of a random history. */
  sealed interface Event
      permits Attempt,
          ConsentChange,
          SwitchContact,
          CaseOpened,
          CaseClosed,
          InvoiceOverdue,
          Declined {}

  record Attempt(String purpose, List<String> channels, String offerCode) implements Event {}

  record ConsentChange(String contact, String channel, boolean optedIn) implements Event {}

  record SwitchContact(String contact) implements Event {}

  record CaseOpened(String caseId, String priority) implements Event {}

  record CaseClosed(String caseId) implements Event {}

  record InvoiceOverdue(String invoiceId) implements Event {}

  record Declined(String offerCode) implements Event {}

  record Step(int gapMinutes, Event event) {}

  record Stored(String purpose, String contactId, String channel, OffsetDateTime deliverAt) {}

  @Property(tries = 400)
  void touchesLetThroughNeverBreakConsentCapsQuietHoursOrSuppression(
      @ForAll("settings") ContactPolicySettings settings,
      @ForAll("zones") String zoneId,
      @ForAll("consents") Map<String, Boolean> c1,
      @ForAll("consents") Map<String, Boolean> c2,
      @ForAll("cooldownDays") int cooldownDays,
      @ForAll("histories") List<Step> history) {
    ZoneId zone = ZoneId.of(zoneId);
    ContactPolicy policy = new ContactPolicy(settings);
    ContactPolicy noQuietHours =
        new ContactPolicy(
            new ContactPolicySettings(
                settings.caps(),
                new QuietHours(false, LocalTime.NOON, LocalTime.NOON, false),
                settings.suppression()));
    Map<String, Map<String, Boolean>> consents = new HashMap<>();
    consents.put("C1", new HashMap<>(c1));
    consents.put("C2", new HashMap<>(c2));
    String primary = "C1";
    List<SignalFact> signals = new ArrayList<>();
    List<Decline> declines = new ArrayList<>();
    List<Stored> stored = new ArrayList<>();
    OffsetDateTime now = START;
    int sent = 0;
    for (Step step : history) {
      now = now.plusMinutes(step.gapMinutes());
      switch (step.event()) {
        case ConsentChange c -> consents.get(c.contact()).put(c.channel(), c.optedIn());
        case SwitchContact s -> primary = s.contact();
        case CaseOpened o ->
            signals.add(
                new SignalFact(
                    "support_case_opened",
                    now,
                    Map.of("caseId", o.caseId(), "priority", o.priority())));
        case CaseClosed c ->
            signals.add(new SignalFact("support_case_closed", now, Map.of("caseId", c.caseId())));
        case InvoiceOverdue i ->
            signals.add(
                new SignalFact(
                    "invoice_overdue",
                    now,
                    Map.of("invoiceId", i.invoiceId(), "amount", 100, "daysOverdue", 10)));
        case Declined d -> declines.add(new Decline(d.offerCode(), now));
        case Attempt a -> {
          TouchIntent intent =
              new TouchIntent(
                  a.purpose(),
                  a.channels(),
                  a.offerCode(),
                  ContactPolicy.OFFER.equals(a.purpose()) && a.offerCode() == null);
          ContactFacts facts =
              new ContactFacts(
                  primary,
                  Map.copyOf(consents.get(primary)),
                  zone,
                  stored.stream()
                      .map(t -> new PastTouch(t.purpose(), t.contactId(), t.deliverAt()))
                      .toList(),
                  List.copyOf(declines),
                  cooldownDays,
                  List.copyOf(signals));
          ConsentDecision d = policy.evaluate(intent, facts, now);
          // Deferred, not dropped: quiet hours never decide whether a touch happens.
          assertThat(d.allowed())
              .as("quiet hours must defer, not drop: %s", d.reason())
              .isEqualTo(noQuietHours.evaluate(intent, facts, now).allowed());
          if (suppressed(settings.suppression(), a.purpose(), signals, now)
              || coolingDown(a, declines, cooldownDays, now)) {
            assertThat(d.allowed()).as("suppressed or cooling down: %s", d.reason()).isFalse();
          }
          if (d.allowed()) {
            String channel = d.allowedChannels().getFirst();
            assertThat(a.channels()).contains(channel);
            assertThat(consents.get(primary).get(channel))
                .as("touch via %s without consent", channel)
                .isTrue();
            OffsetDateTime deliverAt =
                d.deferredUntil() == null ? now : OffsetDateTime.parse(d.deferredUntil());
            assertThat(deliverAt).isAfterOrEqualTo(now).isBefore(now.plusDays(4));
            assertThat(quiet(settings.quietHours(), deliverAt, zone))
                .as("delivered in quiet hours at %s", deliverAt.atZoneSameInstant(zone))
                .isFalse();
            stored.add(new Stored(a.purpose(), primary, channel, deliverAt));
            sent++;
          } else {
            assertThat(d.blockedBy()).isIn("consent", "cap", "suppression", "cooldown");
          }
        }
      }
    }
    assertCapsHold(settings, stored);
    assertThat(sent).isEqualTo(stored.size());
  }

  /** For every touch x, the touches of a cap delivered within [x, x + window] stay within it. */
  static void assertCapsHold(ContactPolicySettings settings, List<Stored> stored) {
    for (var entry : settings.caps().entrySet()) {
      Cap cap = entry.getValue();
      List<Stored> counted =
          stored.stream().filter(t -> cap.purposes().contains(t.purpose())).toList();
      for (Stored x : counted) {
        OffsetDateTime until = x.deliverAt().plus(cap.window());
        List<Stored> inWindow =
            counted.stream()
                .filter(
                    y -> !y.deliverAt().isBefore(x.deliverAt()) && !y.deliverAt().isAfter(until))
                .toList();
        assertThat(inWindow.size())
            .as("%s cap per account from %s", entry.getKey(), x.deliverAt())
            .isLessThanOrEqualTo(cap.maxPerAccount());
        assertThat(inWindow.stream().filter(y -> y.contactId().equals(x.contactId())).count())
            .as("%s cap per contact %s from %s", entry.getKey(), x.contactId(), x.deliverAt())
            .isLessThanOrEqualTo(cap.maxPerContact());
      }
    }
  }

  /** Independent quiet-hours oracle. */
  static boolean quiet(QuietHours q, OffsetDateTime at, ZoneId zone) {
    if (!q.enabled()) {
      return false;
    }
    var local = at.atZoneSameInstant(zone);
    if (q.weekends() && local.getDayOfWeek().getValue() >= 6) {
      return true;
    }
    int t = local.getHour() * 60 + local.getMinute();
    int s = q.start().getHour() * 60 + q.start().getMinute();
    int e = q.end().getHour() * 60 + q.end().getMinute();
    if (s == e) {
      return false;
    }
    return s < e ? t >= s && t < e : t >= s || t < e;
  }

  private static boolean suppressed(
      Suppression config, String purpose, List<SignalFact> signals, OffsetDateTime now) {
    if (!config.purposes().contains(purpose)) {
      return false;
    }
    Map<Object, Boolean> openP1 = new LinkedHashMap<>();
    boolean invoice = false;
    for (SignalFact s : signals) {
      switch (s.type()) {
        case "support_case_opened" -> {
          if ("P1".equals(s.attributes().get("priority"))) {
            openP1.put(s.attributes().get("caseId"), true);
          }
        }
        case "support_case_closed" -> openP1.remove(s.attributes().get("caseId"));
        default -> invoice |= !s.at().isBefore(now.minus(config.overdueInvoiceWindow()));
      }
    }
    return invoice || !openP1.isEmpty();
  }

  private static boolean coolingDown(
      Attempt a, List<Decline> declines, int cooldownDays, OffsetDateTime now) {
    if (!ContactPolicy.OFFER.equals(a.purpose())) {
      return false;
    }
    return declines.stream()
        .anyMatch(
            d ->
                !d.at().isBefore(now.minusDays(cooldownDays))
                    && (a.offerCode() == null || a.offerCode().equals(d.offerCode())));
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of(ZONES);
  }

  @Provide
  Arbitrary<Integer> cooldownDays() {
    return Arbitraries.integers().between(0, 30);
  }

  @Provide
  Arbitrary<Map<String, Boolean>> consents() {
    return Arbitraries.maps(
            Arbitraries.of(ContactPolicy.CHANNELS), Arbitraries.of(true, true, false))
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<ContactPolicySettings> settings() {
    Arbitrary<Cap> marketing = cap(List.of("marketing", "offer"), 4, 10);
    Arbitrary<Cap> offer = cap(List.of("offer"), 3, 20);
    Arbitrary<Cap> service = cap(List.of("service"), 5, 7);
    Arbitrary<QuietHours> quiet =
        Combinators.combine(
                Arbitraries.of(true, true, true, false),
                Arbitraries.integers().between(0, 47),
                Arbitraries.integers().between(0, 47),
                Arbitraries.of(true, false))
            .as(
                (on, s, e, weekends) ->
                    new QuietHours(
                        on,
                        LocalTime.of(s / 2, s % 2 * 30),
                        LocalTime.of(e / 2, e % 2 * 30),
                        weekends));
    Arbitrary<Suppression> suppression =
        Arbitraries.integers()
            .between(1, 40)
            .map(days -> new Suppression(Duration.ofDays(days), List.of("marketing", "offer")));
    return Combinators.combine(marketing, offer, service, quiet, suppression)
        .as(
            (m, o, s, q, sup) ->
                new ContactPolicySettings(
                    Map.of("marketing", m, "offer", o, "service", s), q, sup));
  }

  private static Arbitrary<Cap> cap(List<String> purposes, int max, int maxDays) {
    return Combinators.combine(
            Arbitraries.integers().between(0, max),
            Arbitraries.integers().between(0, max),
            Arbitraries.integers().between(1, maxDays * 24))
        .as((acc, contact, hours) -> new Cap(purposes, acc, contact, Duration.ofHours(hours)));
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Event> attempt =
        Combinators.combine(
                Arbitraries.of(ContactPolicy.PURPOSES),
                Arbitraries.of(ContactPolicy.CHANNELS)
                    .list()
                    .uniqueElements()
                    .ofMinSize(1)
                    .ofMaxSize(4),
                Arbitraries.of("A", "B").injectNull(0.4))
            .as(Attempt::new);
    Arbitrary<Event> consent =
        Combinators.combine(
                Arbitraries.of("C1", "C2"),
                Arbitraries.of(ContactPolicy.CHANNELS),
                Arbitraries.of(true, false))
            .as(ConsentChange::new);
    Arbitrary<Event> other =
        Arbitraries.oneOf(
            Arbitraries.of("C1", "C2").map(SwitchContact::new),
            Combinators.combine(Arbitraries.of("1", "2"), Arbitraries.of("P1", "P2"))
                .as(CaseOpened::new),
            Arbitraries.of("1", "2").map(CaseClosed::new),
            Arbitraries.of("INV-1", "INV-2").map(InvoiceOverdue::new),
            Arbitraries.of("A", "B").map(Declined::new));
    Arbitrary<Event> event =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, attempt),
            net.jqwik.api.Tuple.of(2, consent),
            net.jqwik.api.Tuple.of(1, other));
    Arbitrary<Integer> gap =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 90)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(60, 24 * 60)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(24 * 60, 6 * 24 * 60)));
    return Combinators.combine(gap, event).as(Step::new).list().ofMinSize(1).ofMaxSize(60);
  }
}
