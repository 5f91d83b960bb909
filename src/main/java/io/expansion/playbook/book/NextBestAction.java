package io.expansion.playbook.book;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * What the latest scoring run says to do next with an account: the best eligible offer, or why
 * there is none.
 *
 * @param code {@code offer}, or why there is none: {@code at-risk}, {@code low-fit}, {@code
 *     everything-owned}, {@code cooldown}, {@code in-flight}, {@code nothing-eligible}, {@code
 *     no-consent}, {@code suppressed}, {@code frequency-cap}
 * @param offerCode the offer, or {@code null} when there is none
 * @param expectedValue propensity × annual value of the offer (as the journey ranks offers)
 * @param channel the channel the journey would use ({@code in_app}, {@code email}, {@code csm})
 * @param reason the decision in words
 * @param churnProbability of a calibrated score card; {@code null} for a configured one
 */
public record NextBestAction(
    String accountId,
    String scoringId,
    OffsetDateTime computedAt,
    String segment,
    Integer health,
    Double churnProbability,
    String code,
    String offerCode,
    String offerName,
    BigDecimal expectedValue,
    String channel,
    String reason) {

  public static final String OFFER = "offer";

  public boolean hasOffer() {
    return OFFER.equals(code);
  }

  /** The action as the account and the queue show it. */
  public View view() {
    return new View(code, offerCode, offerName, expectedValue, channel, reason, scoringId);
  }

  /** The action without the account's scores. */
  public record View(
      String code,
      String offerCode,
      String offerName,
      BigDecimal expectedValue,
      String channel,
      String reason,
      String scoringId) {}
}
