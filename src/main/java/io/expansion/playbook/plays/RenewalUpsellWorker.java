package io.expansion.playbook.plays;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.journeys.Journeys;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A healthy account 60 days before renewal goes to the expansion loop with a renewal upsell: the
 * renewal play hands the account over (its arbitration priority does not block that journey).
 */
@Component
public class RenewalUpsellWorker {

  static final String TYPE = "renewal-upsell";

  private final JourneyService journeys;
  private final Journeys journeyRows;
  private final DecisionLog decisions;
  private final Clock clock;

  RenewalUpsellWorker(
      JourneyService journeys, Journeys journeyRows, DecisionLog decisions, Clock clock) {
    this.journeys = journeys;
    this.journeyRows = journeyRows;
    this.decisions = decisions;
    this.clock = clock;
  }

  public record Output(String upsellJourneyId) {}

  @JobWorker(type = TYPE)
  public Output handOver(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable String ownerCsm,
      @Variable Map<String, Object> renewal) {
    journeys.reached(job);
    String key = journeyId + ":renewal-upsell";
    if (decisions.exists(key)) {
      // Delivered again: the hand-over happened; report the journey it went to.
      return new Output(
          journeyRows.active(accountId, ExpansionJourney.PROCESS_ID).map(Journey::id).orElse(null));
    }
    Map<String, Object> signal = new LinkedHashMap<>();
    signal.put("id", "renewal-upsell-" + journeyId);
    signal.put("type", "renewal_window");
    signal.put("occurredAt", OffsetDateTime.now(clock).toString());
    signal.put("attributes", Map.of("renewalDate", renewal.get("date")));
    signal.put("handedOverBy", Play.RENEWAL.code());
    JourneyService.Routing routing =
        journeys.route(accountId, ownerCsm, "renewal-upsell-" + journeyId, signal);
    decisions.record(
        key,
        accountId,
        journeyId,
        "renewal-upsell",
        routing.route(),
        "Healthy before renewal on "
            + renewal.get("date")
            + ": handed to the expansion loop for a renewal upsell (journey "
            + routing.journeyId()
            + ")",
        Map.of("expansionJourney", String.valueOf(routing.journeyId())));
    return new Output(routing.journeyId());
  }
}
