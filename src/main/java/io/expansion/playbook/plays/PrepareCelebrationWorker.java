package io.expansion.playbook.plays;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.offers.Catalog;
import io.expansion.playbook.offers.CatalogOffer;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * First value reached: measures time-to-first-value and prepares the celebration touch with a
 * recommendation — the least expensive add-on the account can take next.
 */
@Component
public class PrepareCelebrationWorker {

  static final String TYPE = "prepare-celebration";

  private final Catalog catalog;
  private final Accounts accounts;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final Clock clock;

  PrepareCelebrationWorker(
      Catalog catalog,
      Accounts accounts,
      DecisionLog decisions,
      JourneyService journeys,
      Clock clock) {
    this.catalog = catalog;
    this.accounts = accounts;
    this.decisions = decisions;
    this.journeys = journeys;
    this.clock = clock;
  }

  public record Output(long timeToFirstValueDays, Map<String, Object> touchRequest) {}

  @JobWorker(type = TYPE)
  public Output prepare(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Map<String, Object> onboarding) {
    journeys.reached(job);
    OffsetDateTime started = OffsetDateTime.parse(onboarding.get("startedAt").toString());
    long days = Duration.between(started, OffsetDateTime.now(clock)).toDays();
    Set<String> owned = accounts.ownedProducts(accountId);
    Optional<CatalogOffer> next =
        catalog.active().stream()
            .filter(o -> "addon".equals(o.kind()))
            .filter(o -> o.eligibleFor(owned))
            .min(Comparator.comparing(CatalogOffer::listPrice));
    Map<String, Object> touch = new LinkedHashMap<>();
    touch.put("key", "celebration");
    touch.put("purpose", "marketing");
    touch.put("channels", List.of("in_app", "email"));
    touch.put("subject", "Your team reached first value");
    touch.put(
        "body",
        "Congratulations: your team got its first results in "
            + days
            + " days."
            + next.map(o -> " Next step we recommend: " + o.name() + ". " + o.description())
                .orElse(""));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("startedAt", started.toString());
    inputs.put("recommendation", next.map(CatalogOffer::code).orElse(null));
    decisions.record(
        journeyId + ":time-to-first-value",
        accountId,
        journeyId,
        "time-to-first-value",
        days + " days",
        "First value reached "
            + days
            + " days after onboarding started"
            + next.map(o -> "; recommending " + o.name()).orElse("; nothing to recommend yet"),
        inputs);
    return new Output(days, touch);
  }
}
