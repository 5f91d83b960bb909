package io.expansion.playbook.plays;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Takes the account off the watch list when the play that put it there sees it recover. */
@Component
public class WatchListRemoveWorker {

  static final String TYPE = "watch-list-remove";

  private final WatchList watchList;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final Clock clock;

  WatchListRemoveWorker(
      WatchList watchList, DecisionLog decisions, JourneyService journeys, Clock clock) {
    this.watchList = watchList;
    this.decisions = decisions;
    this.journeys = journeys;
    this.clock = clock;
  }

  @JobWorker(type = TYPE)
  public void remove(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable String recoveryReason) {
    journeys.reached(job);
    boolean removed =
        watchList.remove(accountId, journeyId, recoveryReason, OffsetDateTime.now(clock));
    decisions.record(
        journeyId + ":watch-list-remove",
        accountId,
        journeyId,
        "watch-list",
        removed ? "removed" : "kept",
        removed
            ? "Off the watch list: " + recoveryReason
            : "Watch-list entry belongs to another play; left open (" + recoveryReason + ")",
        Map.of("reason", recoveryReason));
  }
}
