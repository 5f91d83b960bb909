package io.expansion.playbook.benchmark;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives N journeys as fast as the target finishes them, with at most {@code window} in flight
 * (started and not yet settled), and times them from the first start to the last one settled.
 */
final class ThroughputDriver {

  /** Something that runs journeys: the app over HTTP, or the bare engine. */
  interface Target {
    /** Starts journey {@code index} without waiting for it. */
    void start(int index);

    /** Journeys settled so far (finished their automated part, or failed to start); monotonic. */
    int settled();

    /** Journeys that ended in an automated touch so far; monotonic. */
    long completed();

    /** {@link System#nanoTime()} when the latest journey settled. */
    long lastSettledNanos();
  }

  /** One run. */
  record Run(int started, int settled, long completed, double seconds, boolean timedOut) {
    double completedPerSecond() {
      return seconds > 0 ? completed / seconds : 0;
    }

    double settledPerSecond() {
      return seconds > 0 ? settled / seconds : 0;
    }
  }

  private ThroughputDriver() {}

  static Run run(Target target, int journeys, int window, Duration timeout) {
    int baseSettled = target.settled();
    long baseCompleted = target.completed();
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    int started = 0;
    boolean timedOut = false;
    while (started < journeys && !timedOut) {
      if (started - (target.settled() - baseSettled) >= window) {
        LockSupport.parkNanos(200_000);
        timedOut = System.nanoTime() > deadline;
        continue;
      }
      target.start(started++);
    }
    while (target.settled() - baseSettled < started && !timedOut) {
      LockSupport.parkNanos(1_000_000);
      timedOut = System.nanoTime() > deadline;
    }
    long end = timedOut ? System.nanoTime() : Math.max(target.lastSettledNanos(), t0 + 1);
    return new Run(
        started,
        target.settled() - baseSettled,
        target.completed() - baseCompleted,
        (end - t0) / 1e9,
        timedOut);
  }
}
