package io.expansion.playbook.offers;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * commit: prices a quote within the guardrails. The discount is capped by the offer's and the
 * policy's maximum and by the margin floor (the stricter of the offer's and the policy's); a
 * discount above the approval threshold needs a manager.
 */
public final class QuotePolicy {

  private QuotePolicy() {}

  /** The largest discount the guardrails allow for this offer. */
  public static BigDecimal allowedDiscount(CatalogOffer offer, GuardrailPolicy policy) {
    if (offer.listPrice().signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal cap = offer.maxDiscount().min(policy.maxDiscount());
    BigDecimal floor = offer.marginFloor().max(policy.marginFloor());
    BigDecimal minimumNet =
        offer.unitCost().divide(BigDecimal.ONE.subtract(floor), 2, RoundingMode.CEILING);
    BigDecimal byMargin =
        BigDecimal.ONE.subtract(minimumNet.divide(offer.listPrice(), 4, RoundingMode.CEILING));
    return cap.min(byMargin).max(BigDecimal.ZERO).setScale(4, RoundingMode.FLOOR);
  }

  public static QuoteTerms quote(
      CatalogOffer offer, GuardrailPolicy policy, BigDecimal requestedDiscount) {
    BigDecimal requested =
        requestedDiscount == null ? BigDecimal.ZERO : requestedDiscount.max(BigDecimal.ZERO);
    BigDecimal allowed = allowedDiscount(offer, policy);
    BigDecimal discount = requested.min(allowed).setScale(4, RoundingMode.FLOOR);
    BigDecimal net =
        offer
            .listPrice()
            .multiply(BigDecimal.ONE.subtract(discount))
            .setScale(2, RoundingMode.CEILING);
    BigDecimal margin =
        net.signum() == 0
            ? BigDecimal.ZERO
            : net.subtract(offer.unitCost()).divide(net, 4, RoundingMode.FLOOR);
    boolean approval = discount.compareTo(policy.approvalThreshold()) > 0;
    String rationale =
        "List "
            + offer.listPrice()
            + ", requested discount "
            + percent(requested)
            + (requested.compareTo(allowed) > 0
                ? " capped to " + percent(allowed) + " by the guardrails"
                : "")
            + ", net "
            + net
            + " (margin "
            + percent(margin)
            + ")"
            + (approval
                ? "; above the approval threshold of " + percent(policy.approvalThreshold())
                : "; within self-approval");
    return new QuoteTerms(
        0, offer.code(), offer.listPrice(), discount, net, margin, approval, rationale);
  }

  private static String percent(BigDecimal fraction) {
    return fraction.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP) + "%";
  }
}
