package io.expansion.playbook.offers;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The limits a quote must keep: the strictest of the global policy, the offer and the account's
 * segment. Each limit says where it comes from, so a refusal can name it.
 *
 * @param segment the account's segment ({@code null} when not segmented yet)
 * @param maxDiscount largest discount, as a fraction of the list price
 * @param marginFloor minimum {@code (net - cost) / net}
 * @param approvalThreshold discounts above this need a manager
 * @param quotesAllowed false when the segment gets no quotes at all
 */
public record EffectiveLimits(
    int policyVersion,
    String segment,
    BigDecimal maxDiscount,
    String maxDiscountSource,
    BigDecimal marginFloor,
    String marginFloorSource,
    BigDecimal approvalThreshold,
    String approvalThresholdSource,
    boolean quotesAllowed) {

  /** The strictest of policy, offer and segment (the segment limit only when there is one). */
  public static EffectiveLimits of(
      CatalogOffer offer, GuardrailPolicy policy, String segment, SegmentGuardrail segmentLimits) {
    String policyName = "policy v" + policy.version();
    String offerName = "offer " + offer.code();
    BigDecimal max = policy.maxDiscount();
    String maxSource = policyName;
    if (offer.maxDiscount().compareTo(max) <= 0) {
      max = offer.maxDiscount();
      maxSource = offerName;
    }
    BigDecimal approval = policy.approvalThreshold();
    String approvalSource = policyName;
    boolean quotesAllowed = true;
    if (segmentLimits != null) {
      String segmentName = "segment " + segmentLimits.segment();
      if (segmentLimits.maxDiscount().compareTo(max) <= 0) {
        max = segmentLimits.maxDiscount();
        maxSource = segmentName;
      }
      if (segmentLimits.approvalThreshold() != null
          && segmentLimits.approvalThreshold().compareTo(approval) <= 0) {
        approval = segmentLimits.approvalThreshold();
        approvalSource = segmentName;
      }
      quotesAllowed = segmentLimits.quotesAllowed();
    }
    BigDecimal floor = policy.marginFloor();
    String floorSource = policyName;
    if (offer.marginFloor().compareTo(floor) >= 0) {
      floor = offer.marginFloor();
      floorSource = offerName;
    }
    return new EffectiveLimits(
        policy.version(),
        segment,
        max,
        maxSource,
        floor,
        floorSource,
        approval,
        approvalSource,
        quotesAllowed);
  }

  /**
   * The largest discount that keeps both the maximum discount and the margin floor for this offer;
   * zero for free offers and segments without quotes.
   */
  public BigDecimal allowedDiscount(CatalogOffer offer) {
    if (offer.listPrice().signum() == 0 || !quotesAllowed) {
      return BigDecimal.ZERO.setScale(4);
    }
    BigDecimal minimumNet =
        offer.unitCost().divide(BigDecimal.ONE.subtract(marginFloor), 2, RoundingMode.CEILING);
    BigDecimal byMargin =
        BigDecimal.ONE.subtract(minimumNet.divide(offer.listPrice(), 4, RoundingMode.CEILING));
    return maxDiscount.min(byMargin).max(BigDecimal.ZERO).setScale(4, RoundingMode.FLOOR);
  }

  /** One line for decision rows. */
  public String describe() {
    return "max discount "
        + QuotePolicy.percent(maxDiscount)
        + " ("
        + maxDiscountSource
        + "), margin floor "
        + QuotePolicy.percent(marginFloor)
        + " ("
        + marginFloorSource
        + "), approval above "
        + QuotePolicy.percent(approvalThreshold)
        + " ("
        + approvalThresholdSource
        + ")"
        + (quotesAllowed ? "" : ", no quotes for segment " + segment);
  }
}
