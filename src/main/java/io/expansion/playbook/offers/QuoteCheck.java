package io.expansion.playbook.offers;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything a quote is checked against.
 *
 * @param offerId the offer being quoted (its own history entry is not a conflict)
 * @param discount requested discount as a fraction of the list price
 * @param ownedProducts products the account owns now
 * @param history the account's offers
 * @param exclusions offer codes that cannot be held together with this offer, with the reason
 */
public record QuoteCheck(
    long offerId,
    CatalogOffer offer,
    EffectiveLimits limits,
    BigDecimal discount,
    Collection<String> ownedProducts,
    List<OfferMade> history,
    Map<String, String> exclusions) {}
