package io.expansion.playbook.offers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.segmentation.DmnOutcomes;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * orchestrate: may this account get an offer now? At-risk and low-fit accounts get no upsell; owned
 * products, missing prerequisites, offers in flight, offers excluded by an open or accepted offer
 * ({@code offer_exclusions}) and declined offers in cooldown are excluded. Also records the
 * segmentation and signal qualification that led here.
 */
@Component
public class CheckEligibilityWorker {

  static final String TYPE = "check-eligibility";

  private final Accounts accounts;
  private final Catalog catalog;
  private final Offers offers;
  private final OfferExclusions exclusions;
  private final DecisionLog decisions;
  private final DmnOutcomes dmnOutcomes;
  private final JourneyService journeys;
  private final Clock clock;

  CheckEligibilityWorker(
      Accounts accounts,
      Catalog catalog,
      Offers offers,
      OfferExclusions exclusions,
      DecisionLog decisions,
      DmnOutcomes dmnOutcomes,
      JourneyService journeys,
      Clock clock) {
    this.accounts = accounts;
    this.catalog = catalog;
    this.offers = offers;
    this.exclusions = exclusions;
    this.decisions = decisions;
    this.dmnOutcomes = dmnOutcomes;
    this.journeys = journeys;
    this.clock = clock;
  }

  public record Output(Eligibility eligibility) {}

  @JobWorker(type = TYPE)
  public Output check(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable Map<String, Object> segmentation,
      @Variable Map<String, Object> scores,
      @Variable Map<String, Object> signal,
      @Variable Map<String, Object> qualification,
      @Variable GuardrailPolicy guardrails) {
    journeys.reached(job);
    dmnOutcomes.recordSegmentation(journeyId, loop, accountId, segmentation, scores);
    dmnOutcomes.recordQualification(journeyId, accountId, signal, qualification);
    String segment = String.valueOf(segmentation.get("segment"));
    int health = ((Number) scores.getOrDefault("health", 0)).intValue();
    var owned = accounts.ownedProducts(accountId);
    Eligibility eligibility =
        EligibilityPolicy.evaluate(
            segment,
            health,
            owned,
            catalog.active(),
            offers.forAccount(accountId),
            exclusions.all(),
            guardrails.cooldownDays(),
            OffsetDateTime.now(clock));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("segment", segment);
    inputs.put("health", health);
    inputs.put("ownedProducts", owned);
    inputs.put("excluded", eligibility.excluded());
    inputs.put("guardrailVersion", guardrails.version());
    decisions.record(
        journeyId + ":" + loop + ":eligibility",
        accountId,
        journeyId,
        "eligibility",
        eligibility.eligible()
            ? "eligible"
            : eligibility.noUpsell() ? "no-upsell" : "nothing-to-offer",
        eligibility.reason(),
        inputs);
    return new Output(eligibility);
  }
}
