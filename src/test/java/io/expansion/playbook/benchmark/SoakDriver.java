package io.expansion.playbook.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak: signals offered open loop at a fixed rate for a long time (as {@link LatencyDriver}:
 * signal i is due at {@code t0 + i / rate}, latency counts from then to the first touch or task of
 * the journey it started), sampled every few seconds — heap after a full GC, RSS, the signal
 * backlog, the engine log's retained bytes, journeys started, and the latency of the first actions
 * seen in the interval. After the last signal it keeps sampling until the backlog has drained and
 * every started journey settled (or the settle timeout), so the drain shows on the plot.
 */
final class SoakDriver {

  private static final Logger LOG = LoggerFactory.getLogger(SoakDriver.class);

  /** One sample; latencies are of the first actions seen since the previous sample. */
  record Sample(
      double seconds,
      double heapAfterGcMib,
      double rssMib,
      int backlog,
      double logRetainedMib,
      long sent,
      long journeysStarted,
      long journeysInApp,
      long throttled,
      long errors,
      int latencySamples,
      double p50Ms,
      double p99Ms) {}

  /** The whole soak. */
  record Result(
      double seconds,
      double offeredRate,
      double achievedRate,
      long sent,
      long journeysStarted,
      long delivered,
      long throttled,
      long errors,
      long withAction,
      long withoutAction,
      long pending,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double maxMs,
      double heapSlopeKibPerJourney,
      int maxBacklog,
      List<Sample> samples) {}

  private record Watched(Instant due, String journeyId) {}

  private SoakDriver() {}

  static Result run(
      SignalFeed feed,
      ActionProbe probe,
      Iterator<String> accounts,
      Random random,
      double rate,
      Duration length,
      Duration sampleEvery,
      Duration settleTimeout,
      IntSupplier backlog,
      LongSupplier logRetainedBytes,
      LongSupplier journeysInApp) {
    long count = Math.max(1, Math.round(rate * length.toMillis() / 1000.0));
    long periodNanos = (long) (1e9 / rate);
    AtomicLong started = new AtomicLong();
    AtomicLong delivered = new AtomicLong();
    AtomicLong throttled = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    ConcurrentLinkedQueue<Watched> watched = new ConcurrentLinkedQueue<>();
    List<Sample> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Double> all = new ArrayList<>();
    long[] outcome = new long[2]; // with action, without
    long t0 = System.nanoTime();
    Instant wall0 = Instant.now();
    AtomicLong sent = new AtomicLong();
    Runnable sample =
        () -> {
          List<Double> interval = new ArrayList<>();
          for (Iterator<Watched> it = watched.iterator(); it.hasNext(); ) {
            Watched w = it.next();
            ActionProbe.Action action = probe.firstAction(w.journeyId());
            if (action != null) {
              interval.add(Duration.between(w.due(), action.at()).toNanos() / 1e6);
              outcome[0]++;
              it.remove();
            } else if (probe.settledAs(w.journeyId()) != null) {
              outcome[1]++;
              it.remove();
            }
          }
          all.addAll(interval);
          ProcessMemory memory = ProcessMemory.measureOnce();
          double[] values = interval.stream().mapToDouble(Double::doubleValue).toArray();
          Sample s =
              new Sample(
                  (System.nanoTime() - t0) / 1e9,
                  memory.heapAfterGcMib(),
                  memory.rssMib(),
                  backlog.getAsInt(),
                  logRetainedBytes.getAsLong() / (1024.0 * 1024.0),
                  sent.get(),
                  started.get(),
                  journeysInApp.getAsLong(),
                  throttled.get(),
                  errors.get(),
                  values.length,
                  Stats.percentile(values, 50),
                  Stats.percentile(values, 99));
          samples.add(s);
          logProgress(s);
        };
    // The sampler has its own thread (a fixed delay between samples, so its GCs never run back to
    // back); the sender keeps the open-loop schedule whatever the sampler does.
    ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("bench-soak-sampler").unstarted(r));
    ScheduledFuture<?> sampling =
        sampler.scheduleWithFixedDelay(
            sample, 0, sampleEvery.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    while (sent.get() < count) {
      long i = sent.get();
      long due = t0 + i * periodNanos;
      long now = System.nanoTime();
      if (due > now) {
        LockSupport.parkNanos(due - now);
        continue;
      }
      Instant dueWall = wall0.plusNanos(due - t0);
      feed.post(accounts.next(), SignalFeed.pick(random), 50_000_000L + i)
          .exceptionally(e -> new SignalFeed.Accepted(-1, null, null))
          .thenAccept(
              a -> {
                if (a.startedJourney()) {
                  started.incrementAndGet();
                  probe.watch(a.journeyId());
                  watched.add(new Watched(dueWall, a.journeyId()));
                } else if (a.throttled()) {
                  throttled.incrementAndGet();
                } else if (a.status() == 202) {
                  delivered.incrementAndGet();
                } else {
                  errors.incrementAndGet();
                }
              });
      sent.incrementAndGet();
    }
    double achieved = sent.get() / Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
    long deadline = System.nanoTime() + settleTimeout.toNanos();
    int before = samples.size();
    while ((samples.size() <= before + 1 || !watched.isEmpty() || backlog.getAsInt() > 0)
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(50_000_000);
    }
    sampling.cancel(false);
    sampler.shutdown();
    try {
      sampler.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    double[] latencies = all.stream().mapToDouble(Double::doubleValue).toArray();
    return new Result(
        (System.nanoTime() - t0) / 1e9,
        rate,
        achieved,
        sent.get(),
        started.get(),
        delivered.get(),
        throttled.get(),
        errors.get(),
        outcome[0],
        outcome[1],
        watched.size(),
        Stats.percentile(latencies, 50),
        Stats.percentile(latencies, 95),
        Stats.percentile(latencies, 99),
        Stats.percentile(latencies, 100),
        heapSlopeKibPerJourney(samples),
        samples.stream().mapToInt(Sample::backlog).max().orElse(0),
        samples);
  }

  private static void logProgress(Sample s) {
    LOG.info(
        "Soak {} s: sent {}, started {}, backlog {}, throttled {}, errors {}, heap {} MiB, RSS {}"
            + " MiB, log {} MiB, p50 {} p99 {} ms ({} actions)",
        Benchmark.fmt(s.seconds()),
        s.sent(),
        s.journeysStarted(),
        s.backlog(),
        s.throttled(),
        s.errors(),
        Benchmark.fmt(s.heapAfterGcMib()),
        Benchmark.fmt(s.rssMib()),
        Benchmark.fmt(s.logRetainedMib()),
        Benchmark.fmt(s.p50Ms()),
        Benchmark.fmt(s.p99Ms()),
        s.latencySamples());
  }

  /**
   * Least-squares slope of heap after GC against journeys started, over the samples after the first
   * tenth of the soak (start-up and JIT warm-up excluded), in KiB per journey.
   */
  static double heapSlopeKibPerJourney(List<Sample> samples) {
    List<Sample> steady = samples.subList(samples.size() / 10, samples.size());
    int n = steady.size();
    if (n < 3) {
      return Double.NaN;
    }
    double mx = steady.stream().mapToDouble(Sample::journeysInApp).average().orElse(0);
    double my = steady.stream().mapToDouble(Sample::heapAfterGcMib).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (Sample s : steady) {
      sxy += (s.journeysInApp() - mx) * (s.heapAfterGcMib() - my);
      sxx += (s.journeysInApp() - mx) * (s.journeysInApp() - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx * 1024;
  }
}
