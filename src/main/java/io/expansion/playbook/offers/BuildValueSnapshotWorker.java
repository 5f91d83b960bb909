package io.expansion.playbook.offers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.signals.Signals;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.stereotype.Component;

/** prove value: computes the ROI / usage snapshot shown in the CSM's value-review form. */
@Component
public class BuildValueSnapshotWorker {

  static final String TYPE = "build-value-snapshot";

  private final Accounts accounts;
  private final Catalog catalog;
  private final Signals signals;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final Clock clock;

  BuildValueSnapshotWorker(
      Accounts accounts,
      Catalog catalog,
      Signals signals,
      DecisionLog decisions,
      JourneyService journeys,
      Clock clock) {
    this.accounts = accounts;
    this.catalog = catalog;
    this.signals = signals;
    this.decisions = decisions;
    this.journeys = journeys;
    this.clock = clock;
  }

  public record Output(ValueSnapshot valueSnapshot) {}

  @JobWorker(type = TYPE)
  public Output build(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable RankedOffer offer) {
    journeys.reached(job);
    Account account = accounts.findById(accountId).orElseThrow();
    CatalogOffer catalogOffer =
        catalog
            .find(offer.code())
            .orElseThrow(
                () -> new IllegalStateException("Offer " + offer.code() + " left the catalog"));
    int usageSignals =
        (int)
            signals.since(accountId, OffsetDateTime.now(clock).minusDays(30)).stream()
                .filter(
                    s -> s.type().equals("product_usage") || s.type().equals("license_utilization"))
                .count();
    ValueSnapshot snapshot = ValueSnapshot.of(account, catalogOffer, usageSignals);
    decisions.record(
        journeyId + ":" + loop + ":value-snapshot",
        accountId,
        journeyId,
        "value-snapshot",
        "roi " + snapshot.roiMultiple(),
        snapshot.summary() + " Assumption: " + snapshot.assumption() + ".",
        Map.of("offer", offer.code(), "adoptionPct", snapshot.adoptionPct()));
    return new Output(snapshot);
  }
}
