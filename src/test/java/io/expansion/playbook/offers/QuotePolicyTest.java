package io.expansion.playbook.offers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuotePolicyTest {

  private final CatalogOffer fibre =
      PolicyFixtures.addon("UPGRADE_FIBER", "INTERNET_FIBER", "25.00", "12.00");

  @Test
  void smallDiscountIsSelfApproved() {
    QuoteTerms terms = QuotePolicy.quote(fibre, PolicyFixtures.GUARDRAILS, new BigDecimal("0.10"));
    assertThat(terms.discount()).isEqualByComparingTo("0.10");
    assertThat(terms.netPrice()).isEqualByComparingTo("22.50");
    assertThat(terms.needsApproval()).isFalse();
  }

  @Test
  void discountAboveThresholdNeedsApproval() {
    QuoteTerms terms = QuotePolicy.quote(fibre, PolicyFixtures.GUARDRAILS, new BigDecimal("0.18"));
    assertThat(terms.needsApproval()).isTrue();
    assertThat(terms.rationale()).contains("above the approval threshold");
  }

  @Test
  void requestedDiscountIsCappedByMarginFloorAndNeverBreaksIt() {
    // cost 12, floor 40 % → net at least 20.00 → at most 20 % off 25.00
    QuoteTerms terms = QuotePolicy.quote(fibre, PolicyFixtures.GUARDRAILS, new BigDecimal("0.90"));
    assertThat(terms.discount()).isEqualByComparingTo("0.20");
    assertThat(terms.margin()).isGreaterThanOrEqualTo(new BigDecimal("0.40"));
    assertThat(terms.rationale()).contains("capped");
  }

  @Test
  void discountIsCappedByTheMaximumDiscount() {
    CatalogOffer cheap = PolicyFixtures.addon("ADDON_X", "X", "10.00", "1.00");
    assertThat(QuotePolicy.allowedDiscount(cheap, PolicyFixtures.GUARDRAILS))
        .isEqualByComparingTo("0.30");
  }

  @Test
  void negativeOrMissingRequestMeansNoDiscount() {
    assertThat(QuotePolicy.quote(fibre, PolicyFixtures.GUARDRAILS, null).discount()).isZero();
    assertThat(
            QuotePolicy.quote(fibre, PolicyFixtures.GUARDRAILS, new BigDecimal("-0.5")).discount())
        .isZero();
  }
}
