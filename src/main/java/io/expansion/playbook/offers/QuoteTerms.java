package io.expansion.playbook.offers;

import java.math.BigDecimal;

/**
 * Price terms of a quote, always within the guardrails.
 *
 * @param quoteId the stored quote (0 before it is stored)
 * @param discount fraction of the list price
 * @param margin {@code (net - cost) / net}, or 0 for a free offer
 */
public record QuoteTerms(
    long quoteId,
    String offerCode,
    BigDecimal listPrice,
    BigDecimal discount,
    BigDecimal netPrice,
    BigDecimal margin,
    boolean needsApproval,
    String rationale) {

  QuoteTerms withId(long id) {
    return new QuoteTerms(
        id, offerCode, listPrice, discount, netPrice, margin, needsApproval, rationale);
  }
}
