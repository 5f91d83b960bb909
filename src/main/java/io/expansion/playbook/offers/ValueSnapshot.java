package io.expansion.playbook.offers;

import io.expansion.playbook.accounts.Account;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * prove value: the ROI and usage snapshot a CSM walks the customer through before any price talk.
 * Every figure comes from the account's own data; the benefit multiples are stated assumptions.
 */
public record ValueSnapshot(
    BigDecimal monthlySpend,
    int tenureMonths,
    int servicesUsed,
    int servicesAvailable,
    int adoptionPct,
    int recentUsageSignals,
    String offerName,
    BigDecimal offerMonthlyPrice,
    BigDecimal estimatedAnnualBenefit,
    BigDecimal roiMultiple,
    String assumption,
    String summary) {

  static ValueSnapshot of(Account account, CatalogOffer offer, int recentUsageSignals) {
    int adoption = (int) Math.round(account.utilisation() * 100);
    BigDecimal annualPrice = offer.listPrice().multiply(BigDecimal.valueOf(12));
    BigDecimal benefit;
    String assumption;
    switch (offer.kind()) {
      case "contract" -> {
        benefit = account.mrr().multiply(BigDecimal.valueOf(12 * 0.05));
        assumption = "price lock worth 5% of the annual bill";
      }
      case "tier" -> {
        benefit = annualPrice.multiply(BigDecimal.valueOf(1.5));
        assumption = "faster service valued at 1.5x its price by customers of this usage level";
      }
      default -> {
        benefit = annualPrice.multiply(BigDecimal.valueOf(1.8));
        assumption = "avoided loss and support cost estimated at 1.8x the add-on price";
      }
    }
    benefit = benefit.setScale(2, RoundingMode.HALF_UP);
    BigDecimal roi =
        annualPrice.signum() == 0
            ? BigDecimal.ZERO
            : benefit.divide(annualPrice, 2, RoundingMode.HALF_UP);
    String summary =
        String.format(
            "Customer for %d months, spending %s per month, using %d of %d services (%d%%)"
                + " with %d usage signals in the last 30 days. %s at %s per month: estimated"
                + " annual benefit %s%s.",
            account.tenureMonths(),
            account.mrr(),
            account.licencesUsed(),
            account.seats(),
            adoption,
            recentUsageSignals,
            offer.name(),
            offer.listPrice(),
            benefit,
            roi.signum() == 0 ? "" : " (" + roi + "x its price)");
    return new ValueSnapshot(
        account.mrr(),
        account.tenureMonths(),
        account.licencesUsed(),
        account.seats(),
        adoption,
        recentUsageSignals,
        offer.name(),
        offer.listPrice(),
        benefit,
        roi,
        assumption,
        summary);
  }
}
