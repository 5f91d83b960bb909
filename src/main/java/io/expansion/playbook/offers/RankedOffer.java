package io.expansion.playbook.offers;

import java.math.BigDecimal;

/**
 * An eligible offer with its expected value: propensity × annual margin (or retention) value.
 *
 * @param offerId the offer made, once the next-best offer is chosen (0 while ranking)
 */
public record RankedOffer(
    long offerId,
    String code,
    String name,
    String kind,
    String description,
    BigDecimal listPrice,
    double propensity,
    BigDecimal annualValue,
    BigDecimal expectedValue,
    String channel) {

  RankedOffer withOffer(long id, String chosenChannel) {
    return new RankedOffer(
        id,
        code,
        name,
        kind,
        description,
        listPrice,
        propensity,
        annualValue,
        expectedValue,
        chosenChannel);
  }
}
