package io.expansion.playbook.book;

import io.expansion.playbook.consent.ConsentDecision;
import io.expansion.playbook.offers.CatalogOffer;
import io.expansion.playbook.offers.Eligibility;
import io.expansion.playbook.offers.EligibilityPolicy;
import io.expansion.playbook.offers.OfferMade;
import io.expansion.playbook.offers.OfferRanking;
import io.expansion.playbook.offers.RankedOffer;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The next best action of one account, decided in the journey's order with the journey's rules:
 * {@link EligibilityPolicy} (no upsell for at-risk and low-fit; owned, prerequisite, in flight,
 * cooldown, offer exclusions), then the contact policy's decision for an offer touch ({@link
 * ConsentDecision}, as {@code check-consent} asks it), then {@link OfferRanking} for the offer with
 * the highest expected value and its channel. Pure: every input is given.
 */
final class NextBestActionPolicy {

  static final String AT_RISK = "at-risk";
  static final String LOW_FIT = "low-fit";
  static final String EVERYTHING_OWNED = "everything-owned";
  static final String COOLDOWN = "cooldown";
  static final String IN_FLIGHT = "in-flight";
  static final String NOTHING_ELIGIBLE = "nothing-eligible";
  static final String NO_CONSENT = "no-consent";
  static final String SUPPRESSED = "suppressed";
  static final String FREQUENCY_CAP = "frequency-cap";

  private NextBestActionPolicy() {}

  /** What the book knows about the offers and the guardrails, the same for every account. */
  record Offering(
      List<CatalogOffer> catalog, Map<String, Set<String>> offerExclusions, int cooldownDays) {}

  /** The account as the journey's eligibility and ranking steps see it. */
  record AccountFacts(
      String segment,
      int health,
      Collection<String> owned,
      List<OfferMade> offers,
      OfferRanking.AccountView ranking) {}

  /** The decided action; {@code offerCode} is {@code null} unless {@code code} is "offer". */
  record Decided(
      String code,
      String offerCode,
      String offerName,
      BigDecimal expectedValue,
      String channel,
      String reason) {

    static Decided none(String code, String reason) {
      return new Decided(code, null, null, null, null, reason);
    }
  }

  static Decided decide(
      AccountFacts account, Offering offering, ConsentDecision consent, OffsetDateTime now) {
    Eligibility eligibility =
        EligibilityPolicy.evaluate(
            account.segment(),
            account.health(),
            account.owned(),
            offering.catalog(),
            account.offers(),
            offering.offerExclusions(),
            offering.cooldownDays(),
            now);
    if (eligibility.noUpsell()) {
      return Decided.none(
          AT_RISK.equals(account.segment()) ? AT_RISK : LOW_FIT, eligibility.reason());
    }
    if (!eligibility.eligible()) {
      return nothingToOffer(eligibility.excluded());
    }
    if (!consent.allowed()) {
      String code =
          switch (String.valueOf(consent.blockedBy())) {
            case "suppression" -> SUPPRESSED;
            case "cap" -> FREQUENCY_CAP;
            case "cooldown" -> COOLDOWN;
            default -> NO_CONSENT;
          };
      return Decided.none(code, consent.reason());
    }
    List<CatalogOffer> candidates =
        offering.catalog().stream().filter(o -> eligibility.offers().contains(o.code())).toList();
    List<RankedOffer> ranked = OfferRanking.rank(candidates, account.ranking());
    RankedOffer best = ranked.getFirst();
    String channel = OfferRanking.channel(best.expectedValue(), consent.allowedChannels());
    return new Decided(
        NextBestAction.OFFER,
        best.code(),
        best.name(),
        best.expectedValue(),
        channel,
        "Highest expected value of "
            + ranked.size()
            + " eligible offer(s): "
            + best.name()
            + " (EV "
            + best.expectedValue()
            + " = propensity "
            + best.propensity()
            + " x annual value "
            + best.annualValue()
            + "); channel "
            + channel
            + (channel.equals("csm")
                ? " because EV >= " + OfferRanking.CSM_VALUE_THRESHOLD
                : " (allowed " + consent.allowedChannels() + ")"));
  }

  /** Not one offer eligible: the most actionable reason first. */
  private static Decided nothingToOffer(Map<String, String> excluded) {
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    excluded.forEach(
        (code, why) -> byReason.computeIfAbsent(kind(why), k -> new ArrayList<>()).add(code));
    String summary =
        byReason.entrySet().stream()
            .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
            .collect(Collectors.joining("; "));
    List<String> cooling = matching(excluded, "declined");
    if (!cooling.isEmpty()) {
      return Decided.none(
          COOLDOWN,
          "Cooldown after a declined offer: " + String.join("; ", cooling) + " — " + summary);
    }
    List<String> inFlight = matching(excluded, "already in flight", "excluded by offer");
    if (!inFlight.isEmpty()) {
      return Decided.none(
          IN_FLIGHT, "An offer is already open: " + String.join("; ", inFlight) + " — " + summary);
    }
    if (byReason.containsKey("already owned")) {
      return Decided.none(
          EVERYTHING_OWNED, "Owns everything the catalog could offer it — " + summary);
    }
    return Decided.none(NOTHING_ELIGIBLE, "No eligible offer — " + summary);
  }

  private static List<String> matching(Map<String, String> excluded, String... prefixes) {
    List<String> found = new ArrayList<>();
    excluded.forEach(
        (code, why) -> {
          for (String prefix : prefixes) {
            if (why.startsWith(prefix)) {
              found.add(code + " " + why);
            }
          }
        });
    return found;
  }

  /** The exclusion without its particulars (offer ids, dates, prerequisite lists). */
  private static String kind(String why) {
    int cut = why.indexOf(" (");
    String kind = cut < 0 ? why : why.substring(0, cut);
    return kind.startsWith("declined on") ? "in cooldown" : kind;
  }
}
