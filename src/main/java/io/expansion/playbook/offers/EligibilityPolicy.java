package io.expansion.playbook.offers;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** orchestrate: who may get which offer. Pure, so every rule is unit-tested. */
public final class EligibilityPolicy {

  static final Set<String> NO_UPSELL_SEGMENTS = Set.of("at-risk", "low-fit");

  private EligibilityPolicy() {}

  public static Eligibility evaluate(
      String segment,
      int health,
      Collection<String> ownedProducts,
      List<CatalogOffer> catalog,
      List<OfferMade> history,
      int cooldownDays,
      OffsetDateTime now) {
    return evaluate(segment, health, ownedProducts, catalog, history, Map.of(), cooldownDays, now);
  }

  /**
   * As above, and an offer is not eligible while the account holds an open or accepted offer it
   * excludes ({@code offerExclusions}: offer code to the codes it cannot be held with).
   */
  public static Eligibility evaluate(
      String segment,
      int health,
      Collection<String> ownedProducts,
      List<CatalogOffer> catalog,
      List<OfferMade> history,
      Map<String, Set<String>> offerExclusions,
      int cooldownDays,
      OffsetDateTime now) {
    if (NO_UPSELL_SEGMENTS.contains(segment)) {
      String reason =
          "at-risk".equals(segment)
              ? "Account is at-risk (health " + health + "): no upsell, retention comes first"
              : "Account is low-fit: no upsell play";
      return new Eligibility(false, true, reason, List.of(), Map.of());
    }
    List<String> eligible = new ArrayList<>();
    Map<String, String> excluded = new LinkedHashMap<>();
    OffsetDateTime cooldownStart = now.minusDays(cooldownDays);
    for (CatalogOffer offer : catalog) {
      String why = exclusion(offer, segment, ownedProducts, history, cooldownStart, cooldownDays);
      if (why == null) {
        why = excludedByOtherOffer(offer, history, offerExclusions);
      }
      if (why == null) {
        eligible.add(offer.code());
      } else {
        excluded.put(offer.code(), why);
      }
    }
    if (eligible.isEmpty()) {
      return new Eligibility(
          false,
          false,
          "No eligible offer for segment " + segment + ": " + summarise(excluded),
          List.of(),
          excluded);
    }
    return new Eligibility(
        true,
        false,
        eligible.size() + " eligible offer(s) for segment " + segment + ": " + eligible,
        eligible,
        excluded);
  }

  private static String exclusion(
      CatalogOffer offer,
      String segment,
      Collection<String> owned,
      List<OfferMade> history,
      OffsetDateTime cooldownStart,
      int cooldownDays) {
    if (!offer.targets(segment)) {
      return "not offered to segment " + segment;
    }
    if (offer.excludesProducts().stream().anyMatch(owned::contains)) {
      return "already owned";
    }
    if (!offer.eligibleFor(owned)) {
      return "prerequisite missing (needs one of " + offer.requiresProducts() + ")";
    }
    for (OfferMade made : history) {
      if (!made.offerCode().equals(offer.code())) {
        continue;
      }
      if (made.inFlight()) {
        return "already in flight (offer " + made.id() + ")";
      }
      if (OfferMade.DECLINED.equals(made.status()) && made.updatedAt().isAfter(cooldownStart)) {
        return "declined on "
            + made.updatedAt().toLocalDate()
            + ", cooldown of "
            + cooldownDays
            + " days";
      }
    }
    return null;
  }

  private static String excludedByOtherOffer(
      CatalogOffer offer, List<OfferMade> history, Map<String, Set<String>> offerExclusions) {
    Set<String> conflicting = offerExclusions.getOrDefault(offer.code(), Set.of());
    for (OfferMade made : history) {
      boolean live = made.inFlight() || OfferMade.ACCEPTED.equals(made.status());
      if (live && conflicting.contains(made.offerCode())) {
        return "excluded by offer " + made.id() + " (" + made.offerCode() + ")";
      }
    }
    return null;
  }

  private static String summarise(Map<String, String> excluded) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    excluded
        .values()
        .forEach(v -> counts.merge(v.replaceAll(" \\(.*\\)|on .*,", "").trim(), 1, Integer::sum));
    return counts.toString();
  }
}
