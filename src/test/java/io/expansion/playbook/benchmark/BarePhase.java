package io.expansion.playbook.benchmark;

import io.expansion.playbook.benchmark.BenchmarkResults.Bare;
import io.expansion.playbook.engine.RecordTap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare engine's part of the benchmark: the mix of journeys the app ran in its warm-up, read
 * from the app's record stream, and the same throughput runs on a bare engine replaying that mix.
 */
final class BarePhase {

  private static final Logger LOG = LoggerFactory.getLogger(BarePhase.class);

  /** How long the app's log must stay quiet before the warm-up's records count as complete. */
  private static final long QUIET_NANOS = 1_000_000_000L;

  private static final long MAX_WAIT_NANOS = 15_000_000_000L;

  private BarePhase() {}

  /**
   * The shapes of the warm-up journeys that settled: what they started with, what each worker
   * answered and how they settled. Waits until the app's engine has been quiet for a second, so the
   * jobs that run after a journey's first action are on the tap too.
   */
  static List<JourneyShape> captureMix(
      AppUnderTest app, ActionProbe probe, RecordTap tap, List<String> journeys) {
    int seen = tap.records().size();
    long quietSince = System.nanoTime();
    long deadline = quietSince + MAX_WAIT_NANOS;
    while (System.nanoTime() - quietSince < QUIET_NANOS && System.nanoTime() < deadline) {
      LockSupport.parkNanos(100_000_000L);
      int now = tap.records().size();
      if (now != seen) {
        seen = now;
        quietSince = System.nanoTime();
      }
    }
    List<JourneyShape.Settled> settled = new ArrayList<>();
    for (String journey : journeys) {
      String how = probe.settledAs(journey);
      Long key =
          app.jdbc()
              .sql("SELECT process_instance_key FROM journeys WHERE id = ?")
              .param(journey)
              .query(Long.class)
              .optional()
              .orElse(null);
      if (how != null && key != null) {
        ActionProbe.Action action = probe.firstAction(journey);
        settled.add(new JourneyShape.Settled(key, how, action != null && action.automatedTouch()));
      }
    }
    List<JourneyShape> mix = JourneyShape.captureAll(tap.records(), settled);
    if (mix.stream().noneMatch(JourneyShape::automatedTouch)) {
      throw new IllegalStateException(
          "No warm-up journey ended in an automated touch; the bare engine has no journey to"
              + " replay");
    }
    LOG.info(
        "Recorded the shapes of {} of {} warm-up journeys for the bare engine",
        mix.size(),
        journeys.size());
    return mix;
  }

  /** Warm-up and throughput runs of the bare engine on the mix, as many as the app's. */
  static Bare run(BenchmarkOptions options, List<JourneyShape> mix) throws Exception {
    ProcessMemory before = ProcessMemory.measure();
    Path forms = options.modelsDir().toAbsolutePath().getParent().resolve("forms");
    try (BareEngine bare = new BareEngine(options, forms, mix)) {
      LOG.info("Bare engine: no-op workers for {}, mix {}", bare.jobTypes(), bare.mixTally());
      ThroughputDriver.run(
          bare, options.warmupJourneys(), options.window(), options.settleTimeout());
      ProcessMemory afterWarmup = ProcessMemory.measure();
      List<Double> automated = new ArrayList<>();
      List<Double> settled = new ArrayList<>();
      boolean timedOut = false;
      int journeys = 0;
      for (int r = 0; r < options.runs(); r++) {
        ThroughputDriver.Run run =
            ThroughputDriver.run(
                bare, options.journeysPerRun(), options.window(), options.settleTimeout());
        LOG.info(
            "Bare engine run {}: {} journeys, {} automated touches in {} s = {} journeys/s",
            r + 1,
            run.settled(),
            run.completed(),
            Benchmark.fmt(run.seconds()),
            Benchmark.fmt(run.settledPerSecond()));
        automated.add(run.completedPerSecond());
        settled.add(run.settledPerSecond());
        timedOut |= run.timedOut();
        journeys += run.started();
      }
      ProcessMemory after = ProcessMemory.measure();
      if (bare.failures() > 0) {
        LOG.warn("Bare engine: {} instances failed to start", bare.failures());
      }
      Set<String> replayed = new LinkedHashSet<>();
      mix.forEach(shape -> replayed.addAll(shape.capturedTypes()));
      return new Bare(
          Stats.Summary.of(automated),
          Stats.Summary.of(settled),
          options.journeysPerRun(),
          timedOut,
          List.copyOf(bare.jobTypes()),
          List.copyOf(replayed),
          bare.mixTally(),
          before,
          after,
          journeys == 0
              ? Double.NaN
              : (after.heapAfterGcMib() - afterWarmup.heapAfterGcMib()) / journeys * 1000);
    }
  }
}
