package io.expansion.playbook.simulator;

import io.expansion.playbook.engine.EngineActivity;
import io.expansion.playbook.signals.SignalQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits until nothing is left to do at the current simulated instant: no signal waiting for
 * routing, no whole-book scoring under way, no message due in the outbox, no job with a worker and
 * no record of work written by the engine for a few consecutive looks. Only then does the simulator
 * move the clock, which is what makes a run repeatable.
 */
final class EngineQuiet {

  private static final Duration LOOK = Duration.ofMillis(40);
  private static final int QUIET_LOOKS = 3;

  private final EngineActivity activity;
  private final SignalQueue queue;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration timeout;

  EngineQuiet(
      EngineActivity activity, SignalQueue queue, JdbcClient jdbc, Clock clock, Duration timeout) {
    this.activity = activity;
    this.queue = queue;
    this.jdbc = jdbc;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** Blocks until quiet; fails after the timeout (a journey that never settles). */
  void await() {
    await(Set.of());
  }

  /**
   * Blocks until quiet after the clock moved to {@code now}: besides the above, every timer waiting
   * when the clock moved and due by then has fired. The engine's due-date checker runs on its own
   * actor timer, which may trail a move of the pinned clock by more than a few looks; without this
   * the driver could move on before those timers fired, and they would fire at the next move.
   */
  void awaitTimersDue(Instant now) {
    activity.workSinceLastLook();
    await(activity.timersDueBy(now));
  }

  private void await(Set<Long> dueTimers) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int quiet = 0;
    while (quiet < QUIET_LOOKS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The engine did not fall quiet within " + timeout);
      }
      sleep();
      boolean idle =
          activity.workSinceLastLook() == 0
              && !activity.anyTimerWaiting(dueTimers)
              && activity.jobsInFlight() == 0
              && queue.depth() == 0
              && unroutedSignals() == 0
              && unfinishedBookScorings() == 0
              && dueMessages() == 0;
      quiet = idle ? quiet + 1 : 0;
    }
  }

  /** Signals stored and not routed yet (a lane may hold one between queue and engine). */
  private long unroutedSignals() {
    return jdbc.sql("SELECT COUNT(*) FROM signals WHERE routing IN ('QUEUED', 'RECEIVED')")
        .query(Long.class)
        .single();
  }

  /** Whole-book scorings queued or running (the import's runs on a thread of their own). */
  private long unfinishedBookScorings() {
    return jdbc.sql("SELECT COUNT(*) FROM book_scorings WHERE state IN ('QUEUED', 'RUNNING')")
        .query(Long.class)
        .single();
  }

  private long dueMessages() {
    return jdbc.sql(
            """
            SELECT COUNT(*) FROM outbox WHERE status IN ('PENDING', 'CLAIMED', 'SENDING')
            AND COALESCE(next_attempt_at, deliver_after, created_at) <= :now""")
        .param("now", OffsetDateTime.now(clock))
        .query(Long.class)
        .single();
  }

  private static void sleep() {
    try {
      Thread.sleep(LOOK);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the engine", e);
    }
  }
}
