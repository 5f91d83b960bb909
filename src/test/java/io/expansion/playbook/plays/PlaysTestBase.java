package io.expansion.playbook.plays;

import static org.awaitility.Awaitility.await;

import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.support.JourneyTestBase;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Plays run in a context of their own: their tests move the engine clock by weeks, which must not
 * leak into other suites' timers. Two remediation rounds keep the give-up path short.
 */
@TestPropertySource(
    properties = {
      "expansion.plays.remediation.max-rounds=2",
      "expansion.plays.renewal.horizon-days=4000"
    })
abstract class PlaysTestBase extends JourneyTestBase {

  protected final PlayTriggers triggers;
  protected final RenewalPlanner renewals;
  protected final WatchList watchList;
  protected final JourneyService journeyService;

  PlaysTestBase(ApplicationContext context) {
    super(context);
    this.triggers = context.getBean(PlayTriggers.class);
    this.renewals = context.getBean(RenewalPlanner.class);
    this.watchList = context.getBean(WatchList.class);
    this.journeyService = context.getBean(JourneyService.class);
  }

  /**
   * Waits until the journey's timer is armed, then moves the engine clock past it (see {@link
   * #advance}) until the condition holds.
   */
  protected void fire(String journeyId, String timerId, Duration duration, BooleanSupplier until) {
    long instance = journeys.find(journeyId).orElseThrow().processInstanceKey();
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(() -> records.pendingTimers(instance, timerId) > 0);
    advance(duration, until);
  }

  protected boolean taskReady(String accountId, String elementId) {
    return tasks.open(accountId, null, null).stream()
        .anyMatch(t -> t.elementId().equals(elementId) && t.ready());
  }

  /**
   * Moves the engine clock forward, then keeps nudging it a minute at a time until the condition
   * holds (the engine's due-date checker wakes on its own schedule).
   */
  protected void advance(Duration duration, BooleanSupplier until) {
    engine.increaseTime(duration);
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(
            () -> {
              if (until.getAsBoolean()) {
                return true;
              }
              engine.increaseTime(Duration.ofMinutes(1));
              return false;
            });
  }

  protected boolean at(String journeyId, String elementId) {
    return elementId.equals(journeys.find(journeyId).orElseThrow().currentElement());
  }

  /**
   * Waits until the journey ended at the end event, in the database mirror and in the engine: the
   * mirror is written by the end event's listener job, before the engine completes the instance
   * (later still when that job's first delivery fails).
   */
  protected Journey awaitEnded(String journeyId, String endEvent) {
    Journey ended =
        await()
            .atMost(WAIT)
            .pollInSameThread()
            .until(
                () -> journeys.find(journeyId).orElseThrow(),
                j -> Journey.ENDED.equals(j.status()) && endEvent.equals(j.currentElement()));
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(() -> completed(journeyId).contains(ended.processId()));
    return ended;
  }

  /** The account's active journey of the play. */
  protected String activeJourney(String accountId, Play play) {
    return await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(() -> journeys.active(accountId, play.processId()), java.util.Optional::isPresent)
        .orElseThrow()
        .id();
  }

  /** Gives the account stored scores, as the scoring step would. */
  protected void scored(String accountId, int health, String segment) {
    accounts.updateScores(accountId, health, 70, 70, 0, "established");
    accounts.updateSegment(accountId, segment);
  }

  protected int touches(String accountId, String play) {
    return jdbc.sql("SELECT COUNT(*) FROM touches WHERE account_id = ? AND play = ?")
        .params(accountId, play)
        .query(Integer.class)
        .single();
  }
}
