package io.expansion.playbook.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.consent.ContactFacts.Decline;
import io.expansion.playbook.consent.ContactFacts.PastTouch;
import io.expansion.playbook.consent.ContactFacts.SignalFact;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactPolicyTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** A Tuesday, 10:00 in Berlin. */
  private static final OffsetDateTime NOON =
      OffsetDateTime.of(2026, 3, 10, 9, 0, 0, 0, ZoneOffset.UTC);

  private final ContactPolicy policy = new ContactPolicy(ContactPolicySettings.defaults());

  private static final Map<String, Boolean> ALL =
      Map.of("email", true, "in_app", true, "csm", true, "sms", false);

  private static ContactFacts facts(
      Map<String, Boolean> consents,
      List<PastTouch> touches,
      List<Decline> declines,
      List<SignalFact> signals) {
    return new ContactFacts("C1", consents, BERLIN, touches, declines, 30, signals);
  }

  private static TouchIntent marketing(String... channels) {
    return new TouchIntent(ContactPolicy.MARKETING, List.of(channels), null, false);
  }

  @Test
  void onlyOptedInChannelsAreAllowedInTheRequestsOrder() {
    ConsentDecision d =
        policy.evaluate(
            marketing("sms", "email", "in_app", "csm"),
            facts(
                Map.of("email", true, "in_app", false, "sms", true),
                List.of(),
                List.of(),
                List.of()),
            NOON);
    assertThat(d.allowedChannels()).containsExactly("sms", "email");
    assertThat(d.blocked())
        .containsEntry("in_app", "opted out")
        .containsEntry("csm", "no consent recorded");
    assertThat(d.blockedBy()).isNull();
    assertThat(d.deferredUntil()).isNull();
  }

  @Test
  void noConsentMeansNoTouchWithConsentAsReason() {
    ConsentDecision d =
        policy.evaluate(
            marketing("email"),
            facts(Map.of("email", false), List.of(), List.of(), List.of()),
            NOON);
    assertThat(d.allowed()).isFalse();
    assertThat(d.blockedBy()).isEqualTo("consent");
    assertThat(d.reason()).contains("opted out");
  }

  @Test
  void offerTouchesCountAgainstTheMarketingCapAndTheOfferCap() {
    var oneOffer = List.of(new PastTouch("offer", "C1", NOON.minusDays(10)));
    ConsentDecision offer =
        policy.evaluate(
            new TouchIntent("offer", List.of("email"), "X", false),
            facts(ALL, oneOffer, List.of(), List.of()),
            NOON);
    assertThat(offer.blockedBy()).isEqualTo("cap");
    assertThat(offer.reason()).contains("frequency cap", "1 offer touches in the last 14 days");

    ConsentDecision marketingAfterOffer =
        policy.evaluate(marketing("email"), facts(ALL, oneOffer, List.of(), List.of()), NOON);
    assertThat(marketingAfterOffer.allowed()).isTrue();

    var twoRecent =
        List.of(
            new PastTouch("marketing", "C1", NOON.minusDays(1)),
            new PastTouch("offer", "C1", NOON.minusDays(6)));
    assertThat(
            policy
                .evaluate(marketing("email"), facts(ALL, twoRecent, List.of(), List.of()), NOON)
                .blockedBy())
        .isEqualTo("cap");
  }

  @Test
  void deferredTouchesInTheFutureCountAgainstCaps() {
    var deferred = List.of(new PastTouch("offer", "C1", NOON.plusHours(20)));
    assertThat(
            policy
                .evaluate(
                    new TouchIntent("offer", List.of("email"), null, false),
                    facts(ALL, deferred, List.of(), List.of()),
                    NOON)
                .blockedBy())
        .isEqualTo("cap");
  }

  @Test
  void serviceTouchesHaveTheirOwnCapAndIgnoreSuppression() {
    var signals =
        List.of(
            new SignalFact(
                "support_case_opened", NOON.minusDays(2), Map.of("caseId", "7", "priority", "P1")));
    ConsentDecision service =
        policy.evaluate(
            new TouchIntent("service", List.of("csm"), null, false),
            facts(ALL, List.of(), List.of(), signals),
            NOON);
    assertThat(service.allowedChannels()).containsExactly("csm");
  }

  @Test
  void openP1CaseSuppressesMarketingUntilItIsClosed() {
    var opened =
        new SignalFact(
            "support_case_opened", NOON.minusDays(2), Map.of("caseId", "7", "priority", "P1"));
    ConsentDecision open =
        policy.evaluate(
            marketing("email"), facts(ALL, List.of(), List.of(), List.of(opened)), NOON);
    assertThat(open.blockedBy()).isEqualTo("suppression");
    assertThat(open.reason()).contains("open P1 support case 7");

    var closed = new SignalFact("support_case_closed", NOON.minusDays(1), Map.of("caseId", "7"));
    assertThat(
            policy
                .evaluate(
                    marketing("email"),
                    facts(ALL, List.of(), List.of(), List.of(opened, closed)),
                    NOON)
                .allowed())
        .isTrue();

    var p3 =
        new SignalFact(
            "support_case_opened", NOON.minusDays(2), Map.of("caseId", "8", "priority", "P3"));
    assertThat(
            policy
                .evaluate(marketing("email"), facts(ALL, List.of(), List.of(), List.of(p3)), NOON)
                .allowed())
        .isTrue();
  }

  @Test
  void overdueInvoiceSuppressesOffersWithinItsWindowOnly() {
    var recent =
        new SignalFact(
            "invoice_overdue",
            NOON.minusDays(3),
            Map.of("invoiceId", "INV-1", "amount", 120, "daysOverdue", 14));
    ConsentDecision d =
        policy.evaluate(
            new TouchIntent("offer", List.of("email"), "X", false),
            facts(ALL, List.of(), List.of(), List.of(recent)),
            NOON);
    assertThat(d.blockedBy()).isEqualTo("suppression");
    assertThat(d.reason()).contains("overdue invoice INV-1");

    var old =
        new SignalFact(
            "invoice_overdue", NOON.minusDays(31), Map.of("invoiceId", "INV-0", "daysOverdue", 5));
    assertThat(
            policy
                .evaluate(
                    new TouchIntent("offer", List.of("email"), "X", false),
                    facts(ALL, List.of(), List.of(), List.of(old)),
                    NOON)
                .allowed())
        .isTrue();
  }

  @Test
  void declinedOfferCoolsDownThatOfferAndUnnamedOfferTouches() {
    var declines = List.of(new Decline("UPGRADE_FIBER", NOON.minusDays(5)));
    var facts = facts(ALL, List.of(), declines, List.of());
    assertThat(
            policy
                .evaluate(
                    new TouchIntent("offer", List.of("email"), "UPGRADE_FIBER", false), facts, NOON)
                .blockedBy())
        .isEqualTo("cooldown");
    assertThat(
            policy
                .evaluate(
                    new TouchIntent("offer", List.of("email"), "BUNDLE_STREAMING", false),
                    facts,
                    NOON)
                .allowed())
        .isTrue();
    assertThat(
            policy
                .evaluate(new TouchIntent("offer", List.of("email"), null, true), facts, NOON)
                .reason())
        .contains("cooldown after the declined offer UPGRADE_FIBER", "30 days");
  }

  @Test
  void quietHoursDeferToTheNextMorningInTheAccountsZone() {
    // 21:30 in Berlin (CET, UTC+1)
    OffsetDateTime evening = OffsetDateTime.of(2026, 3, 10, 20, 30, 0, 0, ZoneOffset.UTC);
    ConsentDecision d =
        policy.evaluate(marketing("email"), facts(ALL, List.of(), List.of(), List.of()), evening);
    assertThat(d.allowed()).isTrue();
    assertThat(d.deferredUntil()).isEqualTo("2026-03-11T07:00:00Z");
    assertThat(d.reason()).contains("deferred until 2026-03-11T08:00:00+01:00", "Europe/Berlin");
  }

  @Test
  void weekendQuietHoursDeferToMondayMorning() {
    var settings =
        new ContactPolicySettings(
            null,
            new ContactPolicySettings.QuietHours(
                true, java.time.LocalTime.of(20, 0), java.time.LocalTime.of(8, 0), true),
            null);
    OffsetDateTime saturday = OffsetDateTime.of(2026, 3, 14, 12, 0, 0, 0, ZoneOffset.UTC);
    ConsentDecision d =
        new ContactPolicy(settings)
            .evaluate(marketing("email"), facts(ALL, List.of(), List.of(), List.of()), saturday);
    assertThat(d.deferredUntil()).isEqualTo("2026-03-16T07:00:00Z");
  }

  @Test
  void noContactMeansNoTouch() {
    ConsentDecision d =
        policy.evaluate(
            marketing("email"),
            new ContactFacts(null, Map.of(), BERLIN, List.of(), List.of(), 30, List.of()),
            NOON);
    assertThat(d.allowed()).isFalse();
    assertThat(d.reason()).contains("No contact");
  }
}
