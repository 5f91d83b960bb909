package io.expansion.playbook.offers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * expand again: records how the offer ended (accepted, declined — which starts the cooldown — not
 * now, no response, discount rejected, blocked by a guardrail), then clears the handled signal and
 * opens the next loop.
 */
@Component
public class RecordOutcomeWorker {

  static final String TYPE = "record-outcome";

  static final Map<String, String> STATUS_BY_OUTCOME =
      Map.of(
          "accepted", OfferMade.ACCEPTED,
          "declined", OfferMade.DECLINED,
          "not-now", OfferMade.NOT_NOW,
          "no-response", OfferMade.NO_RESPONSE,
          "discount-rejected", OfferMade.DISCOUNT_REJECTED,
          "guardrail-blocked", OfferMade.BLOCKED);

  private final OfferStatusChanges offerStatus;
  private final Quotes quotes;
  private final DecisionLog decisions;
  private final JourneyService journeys;

  RecordOutcomeWorker(
      OfferStatusChanges offerStatus,
      Quotes quotes,
      DecisionLog decisions,
      JourneyService journeys) {
    this.offerStatus = offerStatus;
    this.quotes = quotes;
    this.decisions = decisions;
    this.journeys = journeys;
  }

  @JobWorker(type = TYPE)
  public Map<String, Object> record(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable String outcome,
      @Variable RankedOffer offer,
      @Variable QuoteTerms quote,
      @Variable CreateQuoteWorker.QuoteBlocked quoteBlocked) {
    journeys.reached(job);
    String status = STATUS_BY_OUTCOME.get(outcome);
    if (status == null) {
      throw new IllegalArgumentException(
          "Unknown outcome '" + outcome + "'; expected one of " + STATUS_BY_OUTCOME.keySet());
    }
    BigDecimal revenueDelta =
        "accepted".equals(outcome) && quote != null ? quote.netPrice() : BigDecimal.ZERO;
    if (!"accepted".equals(outcome)) {
      offerStatus.closed(offer.offerId(), status, BigDecimal.ZERO);
      if (quote != null && quote.quoteId() > 0) {
        quotes.close(quote.quoteId(), status);
      }
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("offer", offer.code());
    inputs.put("offerId", offer.offerId());
    inputs.put("revenueDelta", revenueDelta);
    decisions.record(
        journeyId + ":" + loop + ":outcome",
        accountId,
        journeyId,
        "outcome",
        outcome,
        "Offer "
            + offer.name()
            + " ended "
            + outcome
            + ("accepted".equals(outcome)
                ? ", monthly revenue +" + revenueDelta
                : "declined".equals(outcome) ? ", cooldown starts" : "")
            + (quoteBlocked != null ? " (" + quoteBlocked.reason() + ")" : "")
            + "; scores are refreshed and the journey waits for the next signal",
        inputs);
    Map<String, Object> next = new HashMap<>();
    next.put("signal", null);
    next.put("quote", null);
    // Answers of this loop's tasks must not steer the next loop.
    next.put("quoteBlocked", null);
    next.put("approvalDecision", null);
    next.put("adjustedDiscountPct", null);
    next.put("loop", (loop == null ? 0 : loop) + 1);
    return next;
  }
}
