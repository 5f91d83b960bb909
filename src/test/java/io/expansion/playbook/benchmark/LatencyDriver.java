package io.expansion.playbook.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers signals at a fixed rate, open loop: signal i is due at {@code t0 + i / rate} whatever
 * happened to earlier ones, and its latency counts from that due time (so a stalled sender or
 * server cannot hide delay: no coordinated omission) to the first touch or task the app stored for
 * the journey the signal started.
 */
final class LatencyDriver {

  /** One measured window. */
  record Window(
      int sent,
      int started,
      int delivered,
      int errors,
      int withAction,
      int withoutAction,
      int pending,
      double achievedRate,
      double[] latenciesMs) {
    double percentile(double p) {
      return Stats.percentile(latenciesMs, p);
    }
  }

  private record Sent(Instant due, CompletableFuture<SignalFeed.Accepted> accepted) {}

  private LatencyDriver() {}

  static Window run(
      SignalFeed feed,
      ActionProbe probe,
      Iterator<String> accounts,
      Random random,
      double rate,
      Duration length,
      Duration settleTimeout,
      long firstSequence) {
    int count = (int) Math.max(1, Math.round(rate * length.toMillis() / 1000.0));
    long periodNanos = (long) (1e9 / rate);
    List<Sent> sent = new ArrayList<>(count);
    long t0 = System.nanoTime();
    Instant wall0 = Instant.now();
    for (int i = 0; i < count; i++) {
      long due = t0 + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Instant dueWall = wall0.plusNanos(due - t0);
      sent.add(
          new Sent(
              dueWall,
              feed.post(accounts.next(), SignalFeed.pick(random), firstSequence + i)
                  .exceptionally(e -> new SignalFeed.Accepted(-1, null, null))));
    }
    double achieved = count / Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
    long deadline = System.nanoTime() + settleTimeout.toNanos();
    int started = 0;
    int delivered = 0;
    int errors = 0;
    int withAction = 0;
    int withoutAction = 0;
    int pending = 0;
    List<Double> latencies = new ArrayList<>();
    for (Sent s : sent) {
      SignalFeed.Accepted accepted;
      try {
        accepted =
            s.accepted().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        errors++;
        continue;
      }
      if (accepted.status() != 202) {
        errors++;
        continue;
      }
      if (!accepted.startedJourney()) {
        delivered++;
        continue;
      }
      started++;
      String journey = accepted.journeyId();
      probe.watch(journey);
      while (probe.settledAs(journey) == null && System.nanoTime() < deadline) {
        LockSupport.parkNanos(5_000_000);
      }
      ActionProbe.Action action = probe.firstAction(journey);
      if (action != null) {
        withAction++;
        latencies.add(Duration.between(s.due(), action.at()).toNanos() / 1e6);
      } else if (probe.settledAs(journey) != null) {
        withoutAction++;
      } else {
        pending++;
      }
    }
    return new Window(
        count,
        started,
        delivered,
        errors,
        withAction,
        withoutAction,
        pending,
        achieved,
        latencies.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
