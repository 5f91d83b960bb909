package io.expansion.playbook.offers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * commit: provisions the accepted offer — products granted and removed, contract changed, MRR
 * raised by the quote's net price — and marks offer and quote accepted. Exactly once: the offer's
 * move to ACCEPTED and the plan change share one transaction.
 */
@Component
public class ProvisionOfferWorker {

  static final String TYPE = "provision-offer";

  private final Catalog catalog;
  private final Accounts accounts;
  private final OfferStatusChanges offerStatus;
  private final Quotes quotes;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final TransactionTemplate transaction;

  ProvisionOfferWorker(
      Catalog catalog,
      Accounts accounts,
      OfferStatusChanges offerStatus,
      Quotes quotes,
      DecisionLog decisions,
      JourneyService journeys,
      TransactionTemplate transaction) {
    this.catalog = catalog;
    this.accounts = accounts;
    this.offerStatus = offerStatus;
    this.quotes = quotes;
    this.decisions = decisions;
    this.journeys = journeys;
    this.transaction = transaction;
  }

  /** What provisioning changed. */
  public record Provisioning(String offerCode, String planTier, String contractType, String mrr) {}

  public record Output(Provisioning provisioning) {}

  @JobWorker(type = TYPE)
  public Output provision(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable RankedOffer offer,
      @Variable QuoteTerms quote) {
    journeys.reached(job);
    CatalogOffer catalogOffer = catalog.find(offer.code()).orElseThrow();
    boolean changed =
        Boolean.TRUE.equals(
            transaction.execute(
                status -> {
                  if (!offerStatus.closed(offer.offerId(), OfferMade.ACCEPTED, quote.netPrice())) {
                    return false;
                  }
                  accounts.applyPlanChange(
                      accountId,
                      catalogOffer.grantsProducts(),
                      catalogOffer.removesProducts(),
                      catalogOffer.newContractType(),
                      quote.netPrice());
                  quotes.close(quote.quoteId(), "ACCEPTED");
                  return true;
                }));
    var account = accounts.findById(accountId).orElseThrow();
    if (changed) {
      decisions.record(
          journeyId + ":" + loop + ":provisioning",
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
              + quote.netPrice()
              + ")",
          Map.of("quoteId", quote.quoteId(), "offerId", offer.offerId()));
    }
    return new Output(
        new Provisioning(
            offer.code(),
            account.planTier(),
            account.contractType(),
            account.mrr().toPlainString()));
  }
}
