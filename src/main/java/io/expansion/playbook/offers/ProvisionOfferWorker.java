package io.expansion.playbook.offers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.accounts.PlanChanges;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.revenue.RevenueLedger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * commit: provisions the accepted offer — products granted and removed, contract changed, MRR
 * raised by the quote's net price — and marks offer and quote accepted. Exactly once: the offer's
 * move to ACCEPTED, the plan change, its revenue ledger row (business key {@code
 * journeyId:loop:provisioning}) and the decision row share one transaction.
 *
 * <p>When a manager approved with an adjusted discount ({@code adjustedDiscountPct}), the adjusted
 * quote is created through {@link QuoteService} first (business key {@code journeyId:loop:
 * quote-adjusted}); if a guardrail refuses it, the approved quote stands and the refusal is
 * recorded.
 */
@Component
public class ProvisionOfferWorker {

  static final String TYPE = "provision-offer";

  /** The play an offer of the expansion loop is credited to in the revenue ledger. */
  static final String PLAY = "expansion";

  private final Catalog catalog;
  private final Accounts accounts;
  private final PlanChanges planChanges;
  private final Offers offers;
  private final OfferStatusChanges offerStatus;
  private final Quotes quotes;
  private final QuoteService quoteService;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final TransactionTemplate transaction;
  private final RevenueLedger revenue;

  ProvisionOfferWorker(
      Catalog catalog,
      Accounts accounts,
      PlanChanges planChanges,
      Offers offers,
      OfferStatusChanges offerStatus,
      Quotes quotes,
      QuoteService quoteService,
      DecisionLog decisions,
      JourneyService journeys,
      TransactionTemplate transaction,
      RevenueLedger revenue) {
    this.catalog = catalog;
    this.accounts = accounts;
    this.planChanges = planChanges;
    this.offers = offers;
    this.offerStatus = offerStatus;
    this.quotes = quotes;
    this.quoteService = quoteService;
    this.decisions = decisions;
    this.journeys = journeys;
    this.transaction = transaction;
    this.revenue = revenue;
  }

  /** What provisioning changed. */
  public record Provisioning(String offerCode, String planTier, String contractType, String mrr) {}

  @JobWorker(type = TYPE)
  public Map<String, Object> provision(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable RankedOffer offer,
      @Variable QuoteTerms quote,
      @Variable String approvalDecision,
      @Variable Number adjustedDiscountPct,
      @Variable Map<String, Object> segmentation) {
    journeys.reached(job);
    CatalogOffer catalogOffer = catalog.find(offer.code()).orElseThrow();
    QuoteTerms terms =
        approvedTerms(
            journeyId, loop, offer, quote, approvalDecision, adjustedDiscountPct, segmentation);
    transaction.executeWithoutResult(
        status -> {
          if (!offerStatus.accepted(offer.offerId(), terms.discount(), terms.netPrice())) {
            return;
          }
          planChanges.apply(
              accountId,
              catalogOffer.grantsProducts(),
              catalogOffer.removesProducts(),
              catalogOffer.newContractType(),
              terms.netPrice());
          quotes.close(terms.quoteId(), "ACCEPTED");
          String key = journeyId + ":" + loop + ":provisioning";
          revenue.provisioned(
              new RevenueLedger.Provisioned(
                  key,
                  accountId,
                  terms.netPrice(),
                  journeyId,
                  offer.offerId(),
                  offer.code(),
                  PLAY));
          var account = accounts.findById(accountId).orElseThrow();
          decisions.record(
              key,
              accountId,
              journeyId,
              "provisioning",
              "provisioned " + offer.code(),
              "Provisioned "
                  + catalogOffer.name()
                  + ": granted "
                  + catalogOffer.grantsProducts()
                  + (catalogOffer.removesProducts().isEmpty()
                      ? ""
                      : ", removed " + catalogOffer.removesProducts())
                  + "; plan "
                  + account.planTier()
                  + ", contract "
                  + account.contractType()
                  + ", MRR now "
                  + account.mrr()
                  + " (+"
                  + terms.netPrice()
                  + ")",
              Map.of("quoteId", terms.quoteId(), "offerId", offer.offerId()));
        });
    var account = accounts.findById(accountId).orElseThrow();
    Map<String, Object> output = new HashMap<>();
    output.put(
        "provisioning",
        new Provisioning(
            offer.code(),
            account.planTier(),
            account.contractType(),
            account.mrr().toPlainString()));
    output.put("quote", terms);
    return output;
  }

  /** The quote to provision: the approver's adjusted one when a guardrail allows it. */
  private QuoteTerms approvedTerms(
      String journeyId,
      Integer loop,
      RankedOffer offer,
      QuoteTerms quote,
      String approvalDecision,
      Number adjustedDiscountPct,
      Map<String, Object> segmentation) {
    boolean adjusted =
        quote.needsApproval() && "approve".equals(approvalDecision) && adjustedDiscountPct != null;
    if (!adjusted) {
      return quote;
    }
    String businessKey = journeyId + ":" + loop + ":quote-adjusted";
    var existing = quotes.byBusinessKey(businessKey);
    if (existing.isPresent()) {
      // A redelivery, perhaps after a crash between the two steps: supersede again (idempotent).
      quotes.close(quote.quoteId(), "SUPERSEDED");
      return existing.get();
    }
    if (!offers.find(offer.offerId()).map(OfferMade::inFlight).orElse(false)) {
      return quote;
    }
    BigDecimal discount =
        BigDecimal.valueOf(adjustedDiscountPct.doubleValue())
            .divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP);
    try {
      QuoteTerms revised =
          quoteService.create(
              new QuoteService.NewQuote(
                  businessKey,
                  offer.offerId(),
                  discount,
                  false,
                  "approval",
                  segmentation == null ? null : String.valueOf(segmentation.get("segment")),
                  journeyId));
      quotes.close(quote.quoteId(), "SUPERSEDED");
      return revised;
    } catch (QuoteRefusedException refused) {
      return quote;
    }
  }
}
