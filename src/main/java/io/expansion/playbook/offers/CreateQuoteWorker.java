package io.expansion.playbook.offers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * commit: creates the quote for the offer the customer is interested in, with the discount the CSM
 * asked for capped by the guardrails. Once per journey loop.
 */
@Component
public class CreateQuoteWorker {

  static final String TYPE = "create-quote";

  private final Catalog catalog;
  private final Quotes quotes;
  private final OfferStatusChanges offerStatus;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final Clock clock;

  CreateQuoteWorker(
      Catalog catalog,
      Quotes quotes,
      OfferStatusChanges offerStatus,
      DecisionLog decisions,
      JourneyService journeys,
      Clock clock) {
    this.catalog = catalog;
    this.quotes = quotes;
    this.offerStatus = offerStatus;
    this.decisions = decisions;
    this.journeys = journeys;
    this.clock = clock;
  }

  public record Output(QuoteTerms quote) {}

  @JobWorker(type = TYPE)
  public Output create(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable RankedOffer offer,
      @Variable Number requestedDiscountPct,
      @Variable GuardrailPolicy guardrails) {
    journeys.reached(job);
    String businessKey = journeyId + ":" + loop + ":quote";
    var existing = quotes.byBusinessKey(businessKey);
    if (existing.isPresent()) {
      return new Output(existing.get());
    }
    CatalogOffer catalogOffer =
        catalog
            .find(offer.code())
            .orElseThrow(
                () -> new IllegalStateException("Offer " + offer.code() + " left the catalog"));
    BigDecimal requested =
        requestedDiscountPct == null
            ? BigDecimal.ZERO
            : BigDecimal.valueOf(requestedDiscountPct.doubleValue())
                .divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP);
    QuoteTerms terms = QuotePolicy.quote(catalogOffer, guardrails, requested);
    long quoteId =
        quotes.insert(
            businessKey,
            offer.offerId(),
            accountId,
            terms,
            guardrails.version(),
            OffsetDateTime.now(clock));
    offerStatus.quoted(offer.offerId(), terms.discount());
    decisions.record(
        businessKey,
        accountId,
        journeyId,
        "quote:guardrails-v" + guardrails.version(),
        terms.needsApproval() ? "needs-approval" : "self-approved",
        terms.rationale(),
        Map.of(
            "offer", offer.code(),
            "requestedDiscount", requested,
            "allowedDiscount", QuotePolicy.allowedDiscount(catalogOffer, guardrails)));
    return new Output(terms.withId(quoteId));
  }
}
