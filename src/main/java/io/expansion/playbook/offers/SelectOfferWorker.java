package io.expansion.playbook.offers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * orchestrate: the next best offer and its channel; the offer is recorded as proposed. An
 * experiment arm ({@code variant.offerCode}, {@code variant.touchChannel}) picks the offer or the
 * channel when the account is eligible for it and the contact policy allows it.
 */
@Component
public class SelectOfferWorker {

  static final String TYPE = "select-next-best-offer";

  private final Accounts accounts;
  private final Catalog catalog;
  private final Offers offers;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final Clock clock;

  SelectOfferWorker(
      Accounts accounts,
      Catalog catalog,
      Offers offers,
      DecisionLog decisions,
      JourneyService journeys,
      Clock clock) {
    this.accounts = accounts;
    this.catalog = catalog;
    this.offers = offers;
    this.decisions = decisions;
    this.journeys = journeys;
    this.clock = clock;
  }

  public record Output(RankedOffer offer) {}

  @JobWorker(type = TYPE)
  @SuppressWarnings("unchecked")
  public Output select(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable Map<String, Object> segmentation,
      @Variable Map<String, Object> scores,
      @Variable Eligibility eligibility,
      @Variable Map<String, Object> consent,
      @Variable Map<String, Object> variant) {
    journeys.reached(job);
    String businessKey = journeyId + ":" + loop + ":offer";
    Account account = accounts.findById(accountId).orElseThrow();
    List<CatalogOffer> candidates =
        catalog.active().stream().filter(o -> eligibility.offers().contains(o.code())).toList();
    List<RankedOffer> ranked =
        OfferRanking.rank(
            candidates,
            new OfferRanking.AccountView(
                String.valueOf(segmentation.get("segment")),
                ((Number) scores.getOrDefault("intentScore", 0)).intValue(),
                ((Number) scores.getOrDefault("usageScore", 0)).intValue(),
                account.mrr(),
                account.tenureMonths(),
                account.contractType(),
                accounts.ownedProducts(accountId)));
    if (ranked.isEmpty()) {
      throw new IllegalStateException("No eligible offer left to rank for " + accountId);
    }
    List<String> allowed = (List<String>) consent.get("allowedChannels");
    ExperimentChoice choice = ExperimentChoice.of(variant, ranked, allowed);
    RankedOffer best = choice.offer();
    String channel =
        choice.channel() != null
            ? choice.channel()
            : OfferRanking.channel(best.expectedValue(), allowed);
    var existing = offers.byBusinessKey(businessKey);
    long offerId =
        existing.isPresent()
            ? existing.get().id()
            : offers.insertProposed(
                businessKey,
                accountId,
                journeyId,
                best.code(),
                channel,
                best.expectedValue(),
                OffsetDateTime.now(clock));
    if (existing.isPresent()) {
      // A redelivered job keeps the offer that was already made.
      OfferMade made = existing.get();
      best =
          ranked.stream().filter(r -> r.code().equals(made.offerCode())).findFirst().orElse(best);
      channel = made.channel();
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put(
        "ranking",
        ranked.stream()
            .limit(5)
            .map(r -> r.code() + " EV " + r.expectedValue() + " (p " + r.propensity() + ")")
            .toList());
    inputs.put("allowedChannels", allowed);
    inputs.put("variant", variant == null ? Map.of() : variant);
    decisions.record(
        businessKey,
        accountId,
        journeyId,
        "next-best-offer",
        best.code() + " via " + channel,
        "Highest expected value: "
            + best.name()
            + " (EV "
            + best.expectedValue()
            + " = propensity "
            + best.propensity()
            + " x annual value "
            + best.annualValue()
            + "); channel "
            + channel
            + (choice.channel() == null && channel.equals("csm")
                ? " because EV >= " + OfferRanking.CSM_VALUE_THRESHOLD
                : "")
            + choice.rationale(),
        inputs);
    return new Output(best.withOffer(offerId, channel));
  }
}
