package io.expansion.playbook.offers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.journeys.JourneyService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * commit: creates the quote for the offer the customer is interested in, with the discount the CSM
 * asked for capped by the effective guardrails (policy, offer, segment). When no compliant quote
 * exists (segment without quotes, an excluded offer, a prerequisite gone), no quote is made: the
 * output {@code quoteBlocked} names the guardrail and the journey records the offer as blocked.
 * Once per journey loop (business key {@code journeyId:loop:quote}). An experiment arm's {@code
 * variant.discountCapPct} caps the requested discount further.
 */
@Component
public class CreateQuoteWorker {

  static final String TYPE = "create-quote";

  private final QuoteService quotes;
  private final JourneyService journeys;

  CreateQuoteWorker(QuoteService quotes, JourneyService journeys) {
    this.quotes = quotes;
    this.journeys = journeys;
  }

  /** Why no quote was made. */
  public record QuoteBlocked(String guardrail, String reason) {}

  @JobWorker(type = TYPE)
  public Map<String, Object> create(
      ActivatedJob job,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable RankedOffer offer,
      @Variable Number requestedDiscountPct,
      @Variable Map<String, Object> segmentation,
      @Variable Map<String, Object> variant) {
    journeys.reached(job);
    BigDecimal requested =
        requestedDiscountPct == null
            ? BigDecimal.ZERO
            : BigDecimal.valueOf(requestedDiscountPct.doubleValue())
                .divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP);
    Object cap = variant == null ? null : variant.get("discountCapPct");
    if (cap != null) {
      BigDecimal armCap =
          new BigDecimal(cap.toString()).divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP);
      requested = requested.min(armCap);
    }
    String segment =
        segmentation == null || segmentation.get("segment") == null
            ? null
            : segmentation.get("segment").toString();
    Map<String, Object> output = new HashMap<>();
    try {
      QuoteTerms terms =
          quotes.create(
              new QuoteService.NewQuote(
                  journeyId + ":" + loop + ":quote",
                  offer.offerId(),
                  requested,
                  true,
                  "journey",
                  segment,
                  journeyId));
      output.put("quote", terms);
      output.put("quoteBlocked", null);
    } catch (QuoteRefusedException refused) {
      output.put("quote", null);
      output.put("quoteBlocked", new QuoteBlocked(refused.guardrail().id(), refused.getMessage()));
    }
    return output;
  }
}
