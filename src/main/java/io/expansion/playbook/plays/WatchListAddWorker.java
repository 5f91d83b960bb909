package io.expansion.playbook.plays;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Puts the account on the watch list (once: an open entry stays as it is). */
@Component
public class WatchListAddWorker {

  static final String TYPE = "watch-list-add";

  private final WatchList watchList;
  private final Accounts accounts;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final Clock clock;

  WatchListAddWorker(
      WatchList watchList,
      Accounts accounts,
      DecisionLog decisions,
      JourneyService journeys,
      Clock clock) {
    this.watchList = watchList;
    this.accounts = accounts;
    this.decisions = decisions;
    this.journeys = journeys;
    this.clock = clock;
  }

  public record Output(boolean watchListed) {}

  @JobWorker(type = TYPE)
  public Output add(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable(name = Play.VARIABLE) String play,
      @Variable String watchReason) {
    journeys.reached(job);
    Integer health = accounts.findById(accountId).map(a -> a.health()).orElse(null);
    boolean added =
        watchList.add(accountId, watchReason, play, journeyId, health, OffsetDateTime.now(clock));
    String holder = watchList.open(accountId).map(WatchList.Entry::play).orElse(play);
    decisions.record(
        journeyId + ":watch-list-add",
        accountId,
        journeyId,
        "watch-list",
        added ? "added" : "already watched",
        added
            ? "On the watch list: " + watchReason
            : "Already on the watch list (by " + holder + "); " + watchReason,
        Map.of("reason", watchReason, "health", String.valueOf(health)));
    return new Output(true);
  }
}
