package io.expansion.playbook.offers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The effective limit is the strictest of policy, offer and segment, and says where it is from. */
class EffectiveLimitsTest {

  private static final CatalogOffer BUNDLE =
      offer("BUNDLE_STREAMING", "17.00", "10.00", "0.3500", "0.1500");
  private static final CatalogOffer FIBER =
      offer("UPGRADE_FIBER", "25.00", "12.00", "0.4000", "0.3000");

  private static final SegmentGuardrail HIGH_POTENTIAL =
      new SegmentGuardrail("high-potential", new BigDecimal("0.20"), null, true, "test");
  private static final SegmentGuardrail STABLE =
      new SegmentGuardrail(
          "stable-adopter", new BigDecimal("0.10"), new BigDecimal("0.05"), true, "test");
  private static final SegmentGuardrail LOW_FIT =
      new SegmentGuardrail("low-fit", BigDecimal.ZERO, null, false, "test");

  @Test
  void offerLimitBindsWhenItIsTheStrictest() {
    EffectiveLimits limits =
        EffectiveLimits.of(BUNDLE, PolicyFixtures.GUARDRAILS, "high-potential", HIGH_POTENTIAL);
    assertThat(limits.maxDiscount()).isEqualByComparingTo("0.15");
    assertThat(limits.maxDiscountSource()).isEqualTo("offer BUNDLE_STREAMING");
    assertThat(limits.approvalThreshold()).isEqualByComparingTo("0.15");
    assertThat(limits.approvalThresholdSource()).isEqualTo("policy v1");
  }

  @Test
  void segmentLimitBindsWhenItIsTheStrictest() {
    EffectiveLimits limits =
        EffectiveLimits.of(FIBER, PolicyFixtures.GUARDRAILS, "stable-adopter", STABLE);
    assertThat(limits.maxDiscount()).isEqualByComparingTo("0.10");
    assertThat(limits.maxDiscountSource()).isEqualTo("segment stable-adopter");
    assertThat(limits.approvalThreshold()).isEqualByComparingTo("0.05");
    assertThat(limits.approvalThresholdSource()).isEqualTo("segment stable-adopter");
    assertThat(limits.allowedDiscount(FIBER)).isEqualByComparingTo("0.10");
  }

  @Test
  void policyLimitBindsWhenOfferAndSegmentAreLooser() {
    GuardrailPolicy tight =
        new GuardrailPolicy(
            7,
            new BigDecimal("0.50"),
            new BigDecimal("0.05"),
            new BigDecimal("0.02"),
            30,
            2,
            7,
            "PT48H",
            "P14D");
    EffectiveLimits limits = EffectiveLimits.of(FIBER, tight, "high-potential", HIGH_POTENTIAL);
    assertThat(limits.maxDiscount()).isEqualByComparingTo("0.05");
    assertThat(limits.maxDiscountSource()).isEqualTo("policy v7");
    assertThat(limits.marginFloor()).isEqualByComparingTo("0.50");
    assertThat(limits.marginFloorSource()).isEqualTo("policy v7");
    assertThat(limits.approvalThreshold()).isEqualByComparingTo("0.02");
  }

  @Test
  void marginFloorCapsTheAllowedDiscountBelowTheMaximum() {
    EffectiveLimits limits =
        EffectiveLimits.of(BUNDLE, PolicyFixtures.GUARDRAILS, "high-potential", HIGH_POTENTIAL);
    // cost 10, floor 40 % (policy beats the offer's 35 %) → net at least 16.67 → 1.94 % off 17.00
    assertThat(limits.marginFloor()).isEqualByComparingTo("0.40");
    assertThat(limits.allowedDiscount(BUNDLE)).isEqualByComparingTo("0.0194");
  }

  @Test
  void segmentWithoutQuotesAllowsNothing() {
    EffectiveLimits limits =
        EffectiveLimits.of(FIBER, PolicyFixtures.GUARDRAILS, "low-fit", LOW_FIT);
    assertThat(limits.quotesAllowed()).isFalse();
    assertThat(limits.allowedDiscount(FIBER)).isZero();
  }

  @Test
  void withoutSegmentLimitsPolicyAndOfferApply() {
    EffectiveLimits limits = EffectiveLimits.of(FIBER, PolicyFixtures.GUARDRAILS, null, null);
    assertThat(limits.maxDiscount()).isEqualByComparingTo("0.30");
    assertThat(limits.quotesAllowed()).isTrue();
    assertThat(limits.allowedDiscount(FIBER)).isEqualByComparingTo("0.20");
  }

  @Test
  void freeOffersAllowNoDiscount() {
    CatalogOffer contract = offer("CONTRACT_ONE_YEAR", "0.00", "0.00", "0.0000", "0.0000");
    assertThat(
            EffectiveLimits.of(contract, PolicyFixtures.GUARDRAILS, "high-potential", null)
                .allowedDiscount(contract))
        .isZero();
  }

  static CatalogOffer offer(String code, String price, String cost, String floor, String max) {
    return new CatalogOffer(
        code,
        code,
        "addon",
        new BigDecimal(price),
        new BigDecimal(cost),
        new BigDecimal(floor),
        new BigDecimal(max),
        List.of("high-potential", "stable-adopter"),
        List.of("INTERNET_DSL", "INTERNET_FIBER"),
        List.of(code + "_OWNED"),
        List.of(code + "_OWNED"),
        List.of(),
        null,
        "test offer",
        true);
  }
}
