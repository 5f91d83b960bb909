package io.expansion.playbook.offers;

import io.expansion.playbook.accounts.Products;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Next best offer: ranks eligible offers by expected value and picks the channel. High-value offers
 * go to the CSM (a human conversation), the rest to in-app, then email.
 */
public final class OfferRanking {

  /** Expected annual value at or above which a CSM makes the touch. */
  public static final BigDecimal CSM_VALUE_THRESHOLD = BigDecimal.valueOf(60);

  static final Set<String> PROTECTION =
      Set.of(
          Products.ONLINE_SECURITY,
          Products.ONLINE_BACKUP,
          Products.DEVICE_PROTECTION,
          Products.TECH_SUPPORT);
  static final Set<String> STREAMING = Set.of(Products.STREAMING_TV, Products.STREAMING_MOVIES);

  /** What ranking needs to know about the account. */
  public record AccountView(
      String segment,
      int intentScore,
      int usageScore,
      BigDecimal mrr,
      int tenureMonths,
      String contractType,
      Collection<String> owned) {}

  private OfferRanking() {}

  public static List<RankedOffer> rank(List<CatalogOffer> eligible, AccountView account) {
    return eligible.stream()
        .map(offer -> value(offer, account))
        .sorted(
            Comparator.comparing(RankedOffer::expectedValue)
                .reversed()
                .thenComparing(RankedOffer::code))
        .toList();
  }

  /** The channel for an offer of this value, among those the contact policy allows. */
  public static String channel(BigDecimal expectedValue, List<String> allowedChannels) {
    if (expectedValue.compareTo(CSM_VALUE_THRESHOLD) >= 0 && allowedChannels.contains("csm")) {
      return "csm";
    }
    for (String channel : List.of("in_app", "email", "csm")) {
      if (allowedChannels.contains(channel)) {
        return channel;
      }
    }
    throw new IllegalArgumentException("No allowed channel");
  }

  static RankedOffer value(CatalogOffer offer, AccountView account) {
    double propensity = "high-potential".equals(account.segment()) ? 0.30 : 0.15;
    propensity += account.intentScore() / 100.0 * 0.20;
    propensity += affinity(offer, account);
    propensity = Math.min(0.9, propensity);
    BigDecimal annual;
    if ("contract".equals(offer.kind())) {
      double lift = "CONTRACT_TWO_YEAR".equals(offer.code()) ? 0.25 : 0.15;
      annual = account.mrr().multiply(BigDecimal.valueOf(12 * lift * 0.5));
    } else {
      annual = offer.listPrice().subtract(offer.unitCost()).multiply(BigDecimal.valueOf(12));
    }
    annual = annual.setScale(2, RoundingMode.HALF_UP);
    BigDecimal expected =
        annual.multiply(BigDecimal.valueOf(propensity)).setScale(2, RoundingMode.HALF_UP);
    return new RankedOffer(
        0,
        offer.code(),
        offer.name(),
        offer.kind(),
        offer.description(),
        offer.listPrice(),
        Math.round(propensity * 1000) / 1000.0,
        annual,
        expected,
        null);
  }

  private static double affinity(CatalogOffer offer, AccountView account) {
    long protection = account.owned().stream().filter(PROTECTION::contains).count();
    long streaming = account.owned().stream().filter(STREAMING::contains).count();
    boolean protectionOffer = offer.grantsProducts().stream().anyMatch(PROTECTION::contains);
    boolean streamingOffer = offer.grantsProducts().stream().anyMatch(STREAMING::contains);
    if (protectionOffer && protection > 0) {
      return 0.10;
    }
    if (streamingOffer && streaming > 0) {
      return 0.10;
    }
    if ("UPGRADE_FIBER".equals(offer.code()) && account.usageScore() >= 60) {
      return 0.10;
    }
    if ("contract".equals(offer.kind()) && account.tenureMonths() >= 12) {
      return 0.10;
    }
    return 0.0;
  }
}
