package io.expansion.playbook.offers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every guardrail {@link QuotePolicy#check} enforces, and a randomised sweep of them. */
class QuoteGuardrailsTest {

  private static final CatalogOffer FIBER =
      EffectiveLimitsTest.offer("UPGRADE_FIBER", "25.00", "12.00", "0.4000", "0.3000");
  private static final SegmentGuardrail STABLE =
      new SegmentGuardrail(
          "stable-adopter", new BigDecimal("0.10"), new BigDecimal("0.05"), true, "test");
  private static final Set<String> OWNS_DSL = Set.of("PHONE", "INTERNET_DSL");

  private static List<GuardrailViolation> check(
      CatalogOffer offer,
      EffectiveLimits limits,
      String discount,
      Set<String> owned,
      List<OfferMade> history,
      Map<String, String> exclusions) {
    return QuotePolicy.check(
        new QuoteCheck(1, offer, limits, new BigDecimal(discount), owned, history, exclusions));
  }

  private static EffectiveLimits stable(CatalogOffer offer) {
    return EffectiveLimits.of(offer, PolicyFixtures.GUARDRAILS, "stable-adopter", STABLE);
  }

  private static List<Guardrail> broken(List<GuardrailViolation> violations) {
    return violations.stream().map(GuardrailViolation::guardrail).toList();
  }

  @Test
  void withinEveryLimitNothingIsBroken() {
    assertThat(check(FIBER, stable(FIBER), "0.10", OWNS_DSL, List.of(), Map.of())).isEmpty();
  }

  @Test
  void aboveTheSegmentMaximumNamesTheSegmentLimitAndTheRequest() {
    var violations = check(FIBER, stable(FIBER), "0.12", OWNS_DSL, List.of(), Map.of());
    assertThat(broken(violations)).containsExactly(Guardrail.MAX_DISCOUNT);
    assertThat(violations.getFirst().describe())
        .contains("max-discount", "10.0%", "segment stable-adopter", "12.0%");
  }

  @Test
  void aboveTheOfferMaximumNamesTheOffer() {
    CatalogOffer tv = EffectiveLimitsTest.offer("ADDON_TV", "10.00", "1.00", "0.35", "0.05");
    var violations = check(tv, stable(tv), "0.08", OWNS_DSL, List.of(), Map.of());
    assertThat(broken(violations)).containsExactly(Guardrail.MAX_DISCOUNT);
    assertThat(violations.getFirst().limit()).isEqualTo("5.0% (offer ADDON_TV)");
  }

  @Test
  void belowTheMarginFloorNamesTheFloor() {
    CatalogOffer thin = EffectiveLimitsTest.offer("THIN", "10.00", "5.80", "0.40", "0.30");
    var violations = check(thin, stable(thin), "0.05", OWNS_DSL, List.of(), Map.of());
    assertThat(broken(violations)).containsExactly(Guardrail.MARGIN_FLOOR);
    assertThat(violations.getFirst().describe()).contains("margin-floor", "40.0%", "5.0%");
  }

  @Test
  void segmentsWithoutQuotesAndUntargetedSegmentsAreRefused() {
    SegmentGuardrail lowFit = new SegmentGuardrail("low-fit", BigDecimal.ZERO, null, false, "t");
    EffectiveLimits limits =
        EffectiveLimits.of(FIBER, PolicyFixtures.GUARDRAILS, "low-fit", lowFit);
    assertThat(broken(check(FIBER, limits, "0", OWNS_DSL, List.of(), Map.of())))
        .containsExactly(Guardrail.SEGMENT_QUOTES, Guardrail.SEGMENT_TARGET);
  }

  @Test
  void prerequisitesAndOwnedProductsAreChecked() {
    assertThat(broken(check(FIBER, stable(FIBER), "0", Set.of("PHONE"), List.of(), Map.of())))
        .containsExactly(Guardrail.PREREQUISITE);
    assertThat(
            broken(
                check(
                    FIBER,
                    stable(FIBER),
                    "0",
                    Set.of("INTERNET_DSL", "UPGRADE_FIBER_OWNED"),
                    List.of(),
                    Map.of())))
        .containsExactly(Guardrail.PRODUCT_EXCLUSION);
  }

  @Test
  void anOpenOrAcceptedExcludedOfferBlocksTheQuoteAClosedOneDoesNot() {
    Map<String, String> exclusions = Map.of("BUNDLE_X", "bundle contains it");
    for (String status : List.of(OfferMade.PRESENTED, OfferMade.QUOTED, OfferMade.ACCEPTED)) {
      var violations =
          check(
              FIBER,
              stable(FIBER),
              "0",
              OWNS_DSL,
              List.of(made(2, "BUNDLE_X", status)),
              exclusions);
      assertThat(broken(violations)).as(status).containsExactly(Guardrail.OFFER_EXCLUSION);
      assertThat(violations.getFirst().message()).contains("BUNDLE_X", "bundle contains it");
    }
    assertThat(
            check(
                FIBER,
                stable(FIBER),
                "0",
                OWNS_DSL,
                List.of(made(2, "BUNDLE_X", OfferMade.DECLINED), made(1, "BUNDLE_X", "QUOTED")),
                exclusions))
        .as("a declined conflicting offer, and the quoted offer itself, do not block")
        .isEmpty();
  }

  @Test
  void discountsOutsideZeroToOneAreRefused() {
    assertThat(broken(check(FIBER, stable(FIBER), "-0.01", OWNS_DSL, List.of(), Map.of())))
        .containsExactly(Guardrail.DISCOUNT_RANGE);
    assertThat(broken(check(FIBER, stable(FIBER), "1.5", OWNS_DSL, List.of(), Map.of())))
        .containsExactly(Guardrail.DISCOUNT_RANGE);
  }

  @Test
  void freeOffersTakeNoDiscount() {
    CatalogOffer contract =
        EffectiveLimitsTest.offer("CONTRACT_ONE_YEAR", "0.00", "0.00", "0.0000", "0.0000");
    assertThat(broken(check(contract, stable(contract), "0.01", OWNS_DSL, List.of(), Map.of())))
        .containsExactly(Guardrail.MAX_DISCOUNT);
    assertThat(check(contract, stable(contract), "0", OWNS_DSL, List.of(), Map.of())).isEmpty();
  }

  /**
   * Property: for random offers, policies, segment limits and requested discounts, a request is
   * accepted exactly when it is within the allowed discount, an accepted quote never breaks the
   * margin floor or the maximum, and the capped proposal is always accepted.
   */
  @Test
  void randomRequestsNeverYieldAQuoteBelowTheFloorOrAboveTheMaximum() {
    Random random = new Random(20261123);
    for (int i = 0; i < 20_000; i++) {
      BigDecimal price = money(random, 1, 200);
      BigDecimal cost = price.multiply(fraction(random, 0, 0.9)).setScale(2, RoundingMode.DOWN);
      CatalogOffer offer =
          new CatalogOffer(
              "OFFER_" + i,
              "Offer",
              "addon",
              price,
              cost,
              fraction(random, 0, 0.7),
              fraction(random, 0, 0.6),
              List.of("high-potential", "stable-adopter"),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              null,
              "random",
              true);
      GuardrailPolicy policy =
          new GuardrailPolicy(
              1,
              fraction(random, 0, 0.7),
              fraction(random, 0, 0.6),
              fraction(random, 0, 0.3),
              30,
              2,
              7,
              "PT48H",
              "P14D");
      SegmentGuardrail segment =
          random.nextBoolean()
              ? null
              : new SegmentGuardrail(
                  "high-potential",
                  fraction(random, 0, 0.4),
                  random.nextBoolean() ? null : fraction(random, 0, 0.3),
                  true,
                  "random");
      EffectiveLimits limits = EffectiveLimits.of(offer, policy, "high-potential", segment);
      BigDecimal requested = fraction(random, 0, 1);
      String context = "case " + i + ": " + offer + " " + policy + " " + segment + " " + requested;

      List<GuardrailViolation> violations =
          check(offer, limits, requested.toPlainString(), Set.of(), List.of(), Map.of());
      BigDecimal allowed = limits.allowedDiscount(offer);
      // Priced below its own margin floor, an offer has no compliant quote at any discount.
      boolean quotable = check(offer, limits, "0", Set.of(), List.of(), Map.of()).isEmpty();
      if (violations.isEmpty()) {
        QuoteTerms terms = QuotePolicy.terms(offer, limits, requested, requested);
        assertThat(terms.discount()).as(context).isLessThanOrEqualTo(limits.maxDiscount());
        assertThat(terms.discount()).as(context).isLessThanOrEqualTo(policy.maxDiscount());
        assertThat(terms.discount()).as(context).isLessThanOrEqualTo(offer.maxDiscount());
        if (segment != null) {
          assertThat(terms.discount()).as(context).isLessThanOrEqualTo(segment.maxDiscount());
        }
        assertThat(terms.margin()).as(context).isGreaterThanOrEqualTo(policy.marginFloor());
        assertThat(terms.margin()).as(context).isGreaterThanOrEqualTo(offer.marginFloor());
      } else if (quotable) {
        assertThat(requested).as(context).isGreaterThan(allowed);
      }
      if (quotable && requested.compareTo(allowed) <= 0) {
        assertThat(violations).as(context).isEmpty();
      }
      List<GuardrailViolation> proposal =
          check(
              offer,
              limits,
              QuotePolicy.quote(offer, limits, requested).discount().toPlainString(),
              Set.of(),
              List.of(),
              Map.of());
      if (quotable) {
        assertThat(proposal).as(context).isEmpty();
      } else {
        assertThat(broken(proposal)).as(context).containsExactly(Guardrail.MARGIN_FLOOR);
      }
    }
  }

  private static BigDecimal fraction(Random random, double from, double to) {
    return BigDecimal.valueOf(from + random.nextDouble() * (to - from))
        .setScale(4, RoundingMode.HALF_UP);
  }

  private static BigDecimal money(Random random, double from, double to) {
    return BigDecimal.valueOf(from + random.nextDouble() * (to - from))
        .setScale(2, RoundingMode.HALF_UP);
  }

  private static OfferMade made(long id, String code, String status) {
    OffsetDateTime now = OffsetDateTime.now();
    return new OfferMade(id, "A", "J", code, "email", status, BigDecimal.ONE, null, null, now, now);
  }
}
