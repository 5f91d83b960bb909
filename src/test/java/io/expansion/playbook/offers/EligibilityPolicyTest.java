package io.expansion.playbook.offers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EligibilityPolicyTest {

  private final OffsetDateTime now = OffsetDateTime.parse("2026-06-01T10:00:00Z");
  private final List<CatalogOffer> catalog =
      List.of(
          PolicyFixtures.addon("ADDON_BACKUP", "ONLINE_BACKUP", "5.00", "1.00"),
          PolicyFixtures.addon("ADDON_SECURITY", "ONLINE_SECURITY", "6.00", "1.20"));

  @Test
  void atRiskAndLowFitGetNoUpsell() {
    for (String segment : List.of("at-risk", "low-fit")) {
      Eligibility e =
          EligibilityPolicy.evaluate(
              segment, 30, Set.of("INTERNET_DSL"), catalog, List.of(), 30, now);
      assertThat(e.eligible()).isFalse();
      assertThat(e.noUpsell()).isTrue();
      assertThat(e.reason()).contains("no upsell");
    }
  }

  @Test
  void ownedProductsAndMissingPrerequisitesAreExcluded() {
    Eligibility e =
        EligibilityPolicy.evaluate(
            "high-potential",
            80,
            Set.of("INTERNET_DSL", "ONLINE_BACKUP"),
            catalog,
            List.of(),
            30,
            now);
    assertThat(e.offers()).containsExactly("ADDON_SECURITY");
    assertThat(e.excluded()).containsEntry("ADDON_BACKUP", "already owned");

    Eligibility noInternet =
        EligibilityPolicy.evaluate(
            "stable-adopter", 70, Set.of("PHONE"), catalog, List.of(), 30, now);
    assertThat(noInternet.eligible()).isFalse();
    assertThat(noInternet.excluded().get("ADDON_SECURITY")).contains("prerequisite missing");
  }

  @Test
  void declinedOfferIsInCooldownThenEligibleAgain() {
    OfferMade declined = made("ADDON_SECURITY", OfferMade.DECLINED, now.minusDays(10));
    Eligibility inCooldown =
        EligibilityPolicy.evaluate(
            "high-potential", 80, Set.of("INTERNET_DSL"), catalog, List.of(declined), 30, now);
    assertThat(inCooldown.offers()).containsExactly("ADDON_BACKUP");
    assertThat(inCooldown.excluded().get("ADDON_SECURITY")).contains("cooldown of 30 days");

    OfferMade old = made("ADDON_SECURITY", OfferMade.DECLINED, now.minusDays(31));
    assertThat(
            EligibilityPolicy.evaluate(
                    "high-potential", 80, Set.of("INTERNET_DSL"), catalog, List.of(old), 30, now)
                .offers())
        .contains("ADDON_SECURITY");
  }

  @Test
  void offerInFlightIsNotMadeTwice() {
    OfferMade presented = made("ADDON_BACKUP", OfferMade.PRESENTED, now.minusDays(1));
    assertThat(
            EligibilityPolicy.evaluate(
                    "high-potential",
                    80,
                    Set.of("INTERNET_DSL"),
                    catalog,
                    List.of(presented),
                    30,
                    now)
                .excluded())
        .containsKey("ADDON_BACKUP");
  }

  @Test
  void anOpenOrAcceptedOfferExcludesTheOffersItCannotBeHeldWith() {
    var exclusions =
        java.util.Map.of(
            "ADDON_SECURITY", Set.of("ADDON_BACKUP"), "ADDON_BACKUP", Set.of("ADDON_SECURITY"));
    for (String status : List.of(OfferMade.QUOTED, OfferMade.ACCEPTED)) {
      OfferMade backup = made("ADDON_BACKUP", status, now.minusDays(1));
      Eligibility e =
          EligibilityPolicy.evaluate(
              "high-potential",
              80,
              Set.of("INTERNET_DSL"),
              catalog,
              List.of(backup),
              exclusions,
              30,
              now);
      assertThat(e.excluded().get("ADDON_SECURITY")).as(status).contains("excluded by offer");
    }
    OfferMade declined = made("ADDON_BACKUP", OfferMade.NOT_NOW, now.minusDays(1));
    assertThat(
            EligibilityPolicy.evaluate(
                    "high-potential",
                    80,
                    Set.of("INTERNET_DSL"),
                    catalog,
                    List.of(declined),
                    exclusions,
                    30,
                    now)
                .offers())
        .contains("ADDON_SECURITY");
  }

  private OfferMade made(String code, String status, OffsetDateTime at) {
    return new OfferMade(1, "A", "J", code, "email", status, BigDecimal.ONE, null, null, at, at);
  }
}
