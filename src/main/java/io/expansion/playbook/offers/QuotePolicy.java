package io.expansion.playbook.offers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * commit: prices and checks quotes. {@link #check} lists every guardrail a requested quote would
 * break; {@link #quote} proposes compliant terms by capping the requested discount at the largest
 * the effective limits allow. Pure, so every rule is unit-tested.
 */
public final class QuotePolicy {

  private QuotePolicy() {}

  /** The largest discount the global policy and the offer allow (no segment limit). */
  public static BigDecimal allowedDiscount(CatalogOffer offer, GuardrailPolicy policy) {
    return EffectiveLimits.of(offer, policy, null, null).allowedDiscount(offer);
  }

  /** Compliant terms under the global policy and the offer's limits (no segment limit). */
  public static QuoteTerms quote(
      CatalogOffer offer, GuardrailPolicy policy, BigDecimal requestedDiscount) {
    return quote(offer, EffectiveLimits.of(offer, policy, null, null), requestedDiscount);
  }

  /** Compliant terms: the requested discount capped by the effective limits. */
  public static QuoteTerms quote(
      CatalogOffer offer, EffectiveLimits limits, BigDecimal requestedDiscount) {
    BigDecimal requested =
        requestedDiscount == null ? BigDecimal.ZERO : requestedDiscount.max(BigDecimal.ZERO);
    BigDecimal allowed = limits.allowedDiscount(offer);
    return terms(offer, limits, requested.min(allowed), requested);
  }

  /** The terms of a quote at exactly {@code discount}; {@code requested} only for the rationale. */
  public static QuoteTerms terms(
      CatalogOffer offer, EffectiveLimits limits, BigDecimal discount, BigDecimal requested) {
    BigDecimal d = discount.setScale(4, RoundingMode.FLOOR);
    BigDecimal net = netPrice(offer, d);
    BigDecimal margin = margin(offer, net);
    boolean approval = d.compareTo(limits.approvalThreshold()) > 0;
    String rationale =
        "List "
            + offer.listPrice()
            + ", requested discount "
            + percent(requested)
            + (requested.compareTo(d) > 0
                ? " capped to " + percent(d) + " by the guardrails (" + limits.describe() + ")"
                : "")
            + ", net "
            + net
            + " (margin "
            + percent(margin)
            + ")"
            + (approval
                ? "; above the approval threshold of "
                    + percent(limits.approvalThreshold())
                    + " ("
                    + limits.approvalThresholdSource()
                    + ")"
                : "; within self-approval");
    return new QuoteTerms(0, offer.code(), offer.listPrice(), d, net, margin, approval, rationale);
  }

  /** Every guardrail the quote would break; empty when it may be created. */
  public static List<GuardrailViolation> check(QuoteCheck quote) {
    List<GuardrailViolation> violations = new ArrayList<>();
    CatalogOffer offer = quote.offer();
    EffectiveLimits limits = quote.limits();
    BigDecimal discount = quote.discount();
    if (discount == null || discount.signum() < 0 || discount.compareTo(BigDecimal.ONE) > 0) {
      violations.add(
          new GuardrailViolation(
              Guardrail.DISCOUNT_RANGE,
              "0% to 100%",
              discount == null ? "none" : percent(discount),
              "a discount is a fraction of the list price between 0 and 1"));
      return violations;
    }
    String requested = percent(discount);
    if (!limits.quotesAllowed()) {
      violations.add(
          new GuardrailViolation(
              Guardrail.SEGMENT_QUOTES,
              "no quotes (segment " + limits.segment() + ")",
              requested,
              "accounts in segment " + limits.segment() + " get no quotes"));
    }
    if (!offer.targets(limits.segment())) {
      violations.add(
          new GuardrailViolation(
              Guardrail.SEGMENT_TARGET,
              "segments " + offer.targetSegments(),
              "segment " + limits.segment(),
              offer.code() + " is not offered to segment " + limits.segment()));
    }
    BigDecimal max = offer.listPrice().signum() == 0 ? BigDecimal.ZERO : limits.maxDiscount();
    if (discount.compareTo(max) > 0) {
      String source =
          offer.listPrice().signum() == 0
              ? "free offer " + offer.code()
              : limits.maxDiscountSource();
      violations.add(
          new GuardrailViolation(
              Guardrail.MAX_DISCOUNT,
              percent(max) + " (" + source + ")",
              requested,
              "discount "
                  + requested
                  + " is above the maximum of "
                  + percent(max)
                  + " of "
                  + source));
    }
    if (offer.listPrice().signum() > 0) {
      BigDecimal margin = margin(offer, netPrice(offer, discount));
      if (margin.compareTo(limits.marginFloor()) < 0) {
        violations.add(
            new GuardrailViolation(
                Guardrail.MARGIN_FLOOR,
                percent(limits.marginFloor()) + " (" + limits.marginFloorSource() + ")",
                requested,
                "discount "
                    + requested
                    + " leaves a margin of "
                    + percent(margin)
                    + ", below the floor of "
                    + percent(limits.marginFloor())));
      }
    }
    checkProducts(quote, requested, violations);
    return violations;
  }

  private static void checkProducts(
      QuoteCheck quote, String requested, List<GuardrailViolation> violations) {
    CatalogOffer offer = quote.offer();
    var owned = quote.ownedProducts();
    if (!offer.requiresProducts().isEmpty()
        && offer.requiresProducts().stream().noneMatch(owned::contains)) {
      violations.add(
          new GuardrailViolation(
              Guardrail.PREREQUISITE,
              "one of " + offer.requiresProducts(),
              "owned " + owned,
              offer.code() + " needs one of " + offer.requiresProducts()));
    }
    List<String> clash = offer.excludesProducts().stream().filter(owned::contains).toList();
    if (!clash.isEmpty()) {
      violations.add(
          new GuardrailViolation(
              Guardrail.PRODUCT_EXCLUSION,
              "none of " + offer.excludesProducts(),
              "owned " + clash,
              offer.code() + " cannot be sold to an account owning " + clash));
    }
    for (OfferMade other : quote.history()) {
      String reason = quote.exclusions().get(other.offerCode());
      boolean live = other.inFlight() || OfferMade.ACCEPTED.equals(other.status());
      if (other.id() != quote.offerId() && reason != null && live) {
        violations.add(
            new GuardrailViolation(
                Guardrail.OFFER_EXCLUSION,
                "not with " + other.offerCode(),
                offer.code(),
                "the account has offer "
                    + other.id()
                    + " ("
                    + other.offerCode()
                    + ", "
                    + other.status()
                    + "): "
                    + reason));
      }
    }
  }

  static BigDecimal netPrice(CatalogOffer offer, BigDecimal discount) {
    return offer
        .listPrice()
        .multiply(BigDecimal.ONE.subtract(discount))
        .setScale(2, RoundingMode.CEILING);
  }

  static BigDecimal margin(CatalogOffer offer, BigDecimal net) {
    return net.signum() == 0
        ? BigDecimal.ZERO
        : net.subtract(offer.unitCost()).divide(net, 4, RoundingMode.FLOOR);
  }

  static String percent(BigDecimal fraction) {
    return fraction.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP) + "%";
  }
}
