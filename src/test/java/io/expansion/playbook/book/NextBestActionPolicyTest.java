package io.expansion.playbook.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.consent.ConsentDecision;
import io.expansion.playbook.offers.CatalogOffer;
import io.expansion.playbook.offers.OfferMade;
import io.expansion.playbook.offers.OfferRanking;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each way an account gets an offer or none, decided by the journey's own rules. */
class NextBestActionPolicyTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);
  private static final List<String> DIGITAL = List.of("in_app", "email", "csm");
  private static final ConsentDecision ALLOWED =
      new ConsentDecision("C1", DIGITAL, Map.of(), "Allowed channels", "offer", null, null);

  private static final CatalogOffer SECURITY =
      offer("ADDON_ONLINE_SECURITY", "Online Security", "addon", "6.00", "1.20", "ONLINE_SECURITY");
  private static final CatalogOffer STREAMING =
      offer("BUNDLE_STREAMING", "Streaming Bundle", "bundle", "17.00", "10.00", "STREAMING_TV");
  private static final NextBestActionPolicy.Offering OFFERING =
      new NextBestActionPolicy.Offering(List.of(SECURITY, STREAMING), Map.of(), 30);

  @Test
  void theOfferWithTheHighestExpectedValueAndItsChannel() {
    var decided = decide("high-potential", 80, Set.of("INTERNET_DSL"), List.of(), ALLOWED);

    assertThat(decided.code()).isEqualTo("offer");
    // streaming: (17 - 10) x 12 = 84 a year, security: (6 - 1.2) x 12 = 57.6; same propensity
    assertThat(decided.offerCode()).isEqualTo("BUNDLE_STREAMING");
    assertThat(decided.offerName()).isEqualTo("Streaming Bundle");
    assertThat(decided.expectedValue()).isEqualByComparingTo(new BigDecimal("42.00"));
    assertThat(decided.channel()).isEqualTo("in_app"); // EV below the CSM threshold of 60
    assertThat(decided.reason()).contains("2 eligible offer(s)", "EV 42.00", "in_app");
  }

  @Test
  void atRiskAndLowFitGetNoUpsell() {
    var atRisk = decide("at-risk", 31, Set.of("INTERNET_DSL"), List.of(), ALLOWED);
    assertThat(atRisk.code()).isEqualTo("at-risk");
    assertThat(atRisk.offerCode()).isNull();
    assertThat(atRisk.reason()).contains("health 31", "retention comes first");

    var lowFit = decide("low-fit", 55, Set.of("INTERNET_DSL"), List.of(), ALLOWED);
    assertThat(lowFit.code()).isEqualTo("low-fit");
    assertThat(lowFit.reason()).contains("low-fit");
  }

  @Test
  void everythingOwned() {
    var decided =
        decide(
            "stable-adopter",
            70,
            Set.of("INTERNET_DSL", "ONLINE_SECURITY", "STREAMING_TV"),
            List.of(),
            ALLOWED);

    assertThat(decided.code()).isEqualTo("everything-owned");
    assertThat(decided.reason()).contains("already owned: ADDON_ONLINE_SECURITY, BUNDLE_STREAMING");
  }

  @Test
  void cooldownAfterADeclinedOffer() {
    var decided =
        decide(
            "stable-adopter",
            70,
            Set.of("INTERNET_DSL", "STREAMING_TV"),
            List.of(made(7, "ADDON_ONLINE_SECURITY", OfferMade.DECLINED, NOW.minusDays(10))),
            ALLOWED);

    assertThat(decided.code()).isEqualTo("cooldown");
    assertThat(decided.reason())
        .contains("ADDON_ONLINE_SECURITY declined on 2026-11-21, cooldown of 30 days");

    var later =
        decide(
            "stable-adopter",
            70,
            Set.of("INTERNET_DSL", "STREAMING_TV"),
            List.of(made(7, "ADDON_ONLINE_SECURITY", OfferMade.DECLINED, NOW.minusDays(31))),
            ALLOWED);
    assertThat(later.code()).isEqualTo("offer");
    assertThat(later.offerCode()).isEqualTo("ADDON_ONLINE_SECURITY");
  }

  @Test
  void anOfferStillInFlight() {
    var decided =
        decide(
            "stable-adopter",
            70,
            Set.of("INTERNET_DSL", "STREAMING_TV"),
            List.of(made(9, "ADDON_ONLINE_SECURITY", OfferMade.PRESENTED, NOW.minusDays(1))),
            ALLOWED);

    assertThat(decided.code()).isEqualTo("in-flight");
    assertThat(decided.reason()).contains("already in flight (offer 9)");
  }

  @Test
  void noConsentSuppressionAndCapsComeFromTheContactPolicy() {
    var noConsent =
        decide(
            "high-potential",
            80,
            Set.of("INTERNET_DSL"),
            List.of(),
            blocked("consent", "No channel with consent: {in_app=opted out}: no touch"));
    assertThat(noConsent.code()).isEqualTo("no-consent");
    assertThat(noConsent.offerCode()).isNull();
    assertThat(noConsent.reason()).contains("No channel with consent");

    assertThat(
            decide(
                    "high-potential",
                    80,
                    Set.of("INTERNET_DSL"),
                    List.of(),
                    blocked("no-contact", "No contact"))
                .code())
        .isEqualTo("no-consent");
    assertThat(
            decide(
                    "high-potential",
                    80,
                    Set.of("INTERNET_DSL"),
                    List.of(),
                    blocked("suppression", "Suppressed: open P1"))
                .code())
        .isEqualTo("suppressed");
    assertThat(
            decide(
                    "high-potential",
                    80,
                    Set.of("INTERNET_DSL"),
                    List.of(),
                    blocked("cap", "Frequency cap"))
                .code())
        .isEqualTo("frequency-cap");
  }

  @Test
  void aValuableOfferGoesToTheCsmWhenTheCsmMayCall() {
    CatalogOffer fiber =
        offer("UPGRADE_FIBER", "Upgrade to Fiber", "tier", "25.00", "12.00", "INTERNET_FIBER");
    var offering = new NextBestActionPolicy.Offering(List.of(fiber), Map.of(), 30);
    var facts = facts("high-potential", 80, Set.of("INTERNET_DSL"), List.of());

    var decided = NextBestActionPolicy.decide(facts, offering, ALLOWED, NOW);
    assertThat(decided.expectedValue()).isEqualByComparingTo(new BigDecimal("78.00"));
    assertThat(decided.channel()).isEqualTo("csm");
    assertThat(decided.reason()).contains("because EV >= 60");

    var digitalOnly =
        new ConsentDecision("C1", List.of("email"), Map.of(), "Allowed", "offer", null, null);
    assertThat(NextBestActionPolicy.decide(facts, offering, digitalOnly, NOW).channel())
        .isEqualTo("email");
  }

  private static NextBestActionPolicy.Decided decide(
      String segment,
      int health,
      Set<String> owned,
      List<OfferMade> offers,
      ConsentDecision consent) {
    return NextBestActionPolicy.decide(
        facts(segment, health, owned, offers), OFFERING, consent, NOW);
  }

  private static NextBestActionPolicy.AccountFacts facts(
      String segment, int health, Set<String> owned, List<OfferMade> offers) {
    return new NextBestActionPolicy.AccountFacts(
        segment,
        health,
        owned,
        offers,
        new OfferRanking.AccountView(
            segment, 100, 0, new BigDecimal("80.00"), 6, "month-to-month", owned));
  }

  private static ConsentDecision blocked(String by, String reason) {
    return new ConsentDecision("C1", List.of(), Map.of(), reason, "offer", by, null);
  }

  private static OfferMade made(long id, String code, String status, OffsetDateTime at) {
    return new OfferMade(id, "A", "J", code, "email", status, BigDecimal.ONE, null, null, at, at);
  }

  private static CatalogOffer offer(
      String code, String name, String kind, String price, String cost, String grants) {
    return new CatalogOffer(
        code,
        name,
        kind,
        new BigDecimal(price),
        new BigDecimal(cost),
        new BigDecimal("0.30"),
        new BigDecimal("0.20"),
        List.of("high-potential", "stable-adopter"),
        "tier".equals(kind) ? List.of("INTERNET_DSL") : List.of("INTERNET_DSL", "INTERNET_FIBER"),
        List.of(grants),
        List.of(grants),
        List.of(),
        null,
        name,
        true);
  }
}
