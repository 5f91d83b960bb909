package io.expansion.playbook.benchmark;

import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

/** Everything one benchmark run measured. */
record BenchmarkResults(
    Map<String, Object> machine,
    Map<String, String> parameters,
    List<Book> books,
    Bare bare,
    Map<String, SoakDriver.Result> soaks,
    double totalSeconds) {

  /** Figures for one book. */
  record Book(
      String book,
      int accounts,
      double importSeconds,
      double scoreSegmentSeconds,
      Map<String, Integer> segments,
      int journeysPerRun,
      Stats.Summary automatedJourneysPerSecond,
      Stats.Summary settledJourneysPerSecond,
      double automatedShare,
      boolean throughputTimedOut,
      long activeJourneysAfterThroughput,
      double offeredSignalsPerSecond,
      Stats.Summary achievedSignalsPerSecond,
      Stats.Summary latencyP50Ms,
      Stats.Summary latencyP95Ms,
      Stats.Summary latencyP99Ms,
      Latency latencyAll,
      ProcessMemory memoryBefore,
      ProcessMemory memoryAfterImport,
      ProcessMemory memoryAfterThroughput,
      ProcessMemory memoryAfter,
      double heapGrowthMibPer1000Journeys,
      double rssGrowthMibPer1000Journeys,
      double appToBareRatio) {

    /** This book with its app/bare ratio: journeys/s over the bare engine's on the same mix. */
    Book withRatio(double bareRate) {
      double ratio = bareRate > 0 ? settledJourneysPerSecond().mean() / bareRate : Double.NaN;
      return new Book(
          book(),
          accounts(),
          importSeconds(),
          scoreSegmentSeconds(),
          segments(),
          journeysPerRun(),
          automatedJourneysPerSecond(),
          settledJourneysPerSecond(),
          automatedShare(),
          throughputTimedOut(),
          activeJourneysAfterThroughput(),
          offeredSignalsPerSecond(),
          achievedSignalsPerSecond(),
          latencyP50Ms(),
          latencyP95Ms(),
          latencyP99Ms(),
          latencyAll(),
          memoryBefore(),
          memoryAfterImport(),
          memoryAfterThroughput(),
          memoryAfter(),
          heapGrowthMibPer1000Journeys(),
          rssGrowthMibPer1000Journeys(),
          ratio);
    }
  }

  /** All latency samples of a book pooled, and what happened to the signals. */
  record Latency(
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double maxMs,
      int signalsSent,
      int journeysStarted,
      int withAction,
      int withoutAction,
      int pending,
      int deliveredToRunningJourney,
      int errors) {

    /** All windows' samples pooled. */
    static Latency pooled(List<LatencyDriver.Window> windows) {
      double[] all =
          windows.stream().flatMapToDouble(w -> DoubleStream.of(w.latenciesMs())).toArray();
      return new Latency(
          Stats.percentile(all, 50),
          Stats.percentile(all, 95),
          Stats.percentile(all, 99),
          Stats.percentile(all, 100),
          windows.stream().mapToInt(LatencyDriver.Window::sent).sum(),
          windows.stream().mapToInt(LatencyDriver.Window::started).sum(),
          windows.stream().mapToInt(LatencyDriver.Window::withAction).sum(),
          windows.stream().mapToInt(LatencyDriver.Window::withoutAction).sum(),
          windows.stream().mapToInt(LatencyDriver.Window::pending).sum(),
          windows.stream().mapToInt(LatencyDriver.Window::delivered).sum(),
          windows.stream().mapToInt(LatencyDriver.Window::errors).sum());
    }
  }

  /**
   * The bare engine with no-op workers, replaying the app's mix of journeys ({@code mix}: how many
   * of the replayed shapes settled each way).
   */
  record Bare(
      Stats.Summary automatedJourneysPerSecond,
      Stats.Summary settledJourneysPerSecond,
      int journeysPerRun,
      boolean timedOut,
      List<String> jobTypes,
      List<String> replayedOutputs,
      Map<String, Long> mix,
      ProcessMemory memoryBefore,
      ProcessMemory memoryAfter,
      double heapGrowthMibPer1000Journeys) {}
}
