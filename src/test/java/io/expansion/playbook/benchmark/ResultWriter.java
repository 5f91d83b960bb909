package io.expansion.playbook.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.expansion.playbook.benchmark.BenchmarkResults.Book;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as a text table, {@code results.csv} (one row per book) and {@code results.json}. */
final class ResultWriter {

  private static final List<String> COLUMNS =
      List.of(
          "book",
          "accounts",
          "import_s",
          "score_segment_s",
          "journeys_per_run",
          "automated_journeys_per_s_mean",
          "automated_journeys_per_s_sd",
          "journeys_per_s_mean",
          "journeys_per_s_sd",
          "automated_share",
          "offered_signals_per_s",
          "achieved_signals_per_s",
          "latency_p50_ms_mean",
          "latency_p50_ms_sd",
          "latency_p95_ms_mean",
          "latency_p95_ms_sd",
          "latency_p99_ms_mean",
          "latency_p99_ms_sd",
          "latency_p99_ms_pooled",
          "latency_samples",
          "signals_without_action",
          "heap_before_mib",
          "heap_after_mib",
          "rss_before_mib",
          "rss_after_mib",
          "heap_growth_mib_per_1000_journeys",
          "bare_journeys_per_s_mean",
          "bare_journeys_per_s_sd",
          "bare_automated_journeys_per_s_mean",
          "app_to_bare_ratio");

  private ResultWriter() {}

  static void write(BenchmarkResults results, Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    json.writeValue(dir.resolve("results.json").toFile(), results);
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", COLUMNS));
    for (Book b : results.books()) {
      lines.add(
          String.join(
              ",",
              b.book(),
              Integer.toString(b.accounts()),
              num(b.importSeconds()),
              num(b.scoreSegmentSeconds()),
              Integer.toString(b.journeysPerRun()),
              num(b.automatedJourneysPerSecond().mean()),
              num(b.automatedJourneysPerSecond().stddev()),
              num(b.settledJourneysPerSecond().mean()),
              num(b.settledJourneysPerSecond().stddev()),
              num(b.automatedShare()),
              num(b.offeredSignalsPerSecond()),
              num(b.achievedSignalsPerSecond().mean()),
              num(b.latencyP50Ms().mean()),
              num(b.latencyP50Ms().stddev()),
              num(b.latencyP95Ms().mean()),
              num(b.latencyP95Ms().stddev()),
              num(b.latencyP99Ms().mean()),
              num(b.latencyP99Ms().stddev()),
              num(b.latencyAll().p99Ms()),
              Integer.toString(b.latencyAll().withAction()),
              Integer.toString(b.latencyAll().withoutAction() + b.latencyAll().pending()),
              num(b.memoryBefore().heapAfterGcMib()),
              num(b.memoryAfter().heapAfterGcMib()),
              num(b.memoryBefore().rssMib()),
              num(b.memoryAfter().rssMib()),
              num(b.heapGrowthMibPer1000Journeys()),
              num(results.bare().settledJourneysPerSecond().mean()),
              num(results.bare().settledJourneysPerSecond().stddev()),
              num(results.bare().automatedJourneysPerSecond().mean()),
              num(b.appToBareRatio())));
    }
    Files.write(dir.resolve("results.csv"), lines);
  }

  static String table(BenchmarkResults r) {
    StringBuilder t = new StringBuilder();
    t.append("Expansion playbook engine benchmark — ")
        .append(r.machine().get("cpu"))
        .append(", ")
        .append(r.machine().get("cores"))
        .append(" cores, Java ")
        .append(r.machine().get("java"))
        .append(", ")
        .append(fmt("%.0f", r.totalSeconds()))
        .append(" s\n");
    String row =
        "| %-8s | %9s | %8s | %9s | %15s | %15s | %8s | %13s | %13s | %13s | %13s | %9s | %8s |%n";
    t.append(
        String.format(
            Locale.ROOT,
            row,
            "book",
            "accounts",
            "import s",
            "score s",
            "journeys/s",
            "auto journeys/s",
            "app/bare",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "heap MiB",
            "RSS MiB",
            "KiB/1k j"));
    t.append(
        String.format(Locale.ROOT, row, "", "", "", "", "", "", "", "", "", "", "", "", "")
            .replace(' ', '-'));
    for (Book b : r.books()) {
      t.append(
          String.format(
              Locale.ROOT,
              row,
              b.book(),
              b.accounts(),
              fmt("%.2f", b.importSeconds()),
              fmt("%.2f", b.scoreSegmentSeconds()),
              b.settledJourneysPerSecond().format(),
              b.automatedJourneysPerSecond().format(),
              fmt("%.0f%%", b.appToBareRatio() * 100),
              b.latencyP50Ms().format(),
              b.latencyP95Ms().format(),
              b.latencyP99Ms().format(),
              fmt("%.0f", b.memoryBefore().heapAfterGcMib())
                  + "→"
                  + fmt("%.0f", b.memoryAfter().heapAfterGcMib()),
              fmt("%.0f", b.memoryBefore().rssMib()) + "→" + fmt("%.0f", b.memoryAfter().rssMib()),
              fmt("%.0f", b.heapGrowthMibPer1000Journeys() * 1024)));
    }
    var bare = r.bare();
    t.append(
        String.format(
            Locale.ROOT,
            "bare engine (no-op workers for %d job types, replaying the app's mix %s): %s"
                + " journeys/s, %s automated, heap growth %s KiB per 1,000 journeys%n",
            bare.jobTypes().size(),
            bare.mix(),
            bare.settledJourneysPerSecond().format(),
            bare.automatedJourneysPerSecond().format(),
            fmt("%.0f", bare.heapGrowthMibPer1000Journeys() * 1024)));
    for (Book b : r.books()) {
      var l = b.latencyAll();
      t.append(
          String.format(
              Locale.ROOT,
              "%s: %d accounts %s; %.0f%% of journeys automated, %d journeys active after the"
                  + " throughput runs%s; latency: %d signals at %s/s, %d"
                  + " with an action (pooled p99 %s ms, max %s ms), %d without, %d pending, %d to"
                  + " running journeys, %d errors%n",
              b.book(),
              b.accounts(),
              b.segments(),
              b.automatedShare() * 100,
              b.activeJourneysAfterThroughput(),
              b.throughputTimedOut() ? " (a run hit the settle timeout)" : "",
              l.signalsSent(),
              b.achievedSignalsPerSecond().format(),
              l.withAction(),
              fmt("%.0f", l.p99Ms()),
              fmt("%.0f", l.maxMs()),
              l.withoutAction(),
              l.pending(),
              l.deliveredToRunningJourney(),
              l.errors()));
    }
    return t.toString();
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", host());
    m.put("cpu", cpuModel());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("maxHeapMib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("java", System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
    m.put("finishedAt", Instant.now().toString());
    return m;
  }

  /** One line per soak sample. */
  static void writeSoak(SoakDriver.Result soak, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "seconds,heap_after_gc_mib,rss_mib,backlog,engine_log_mib,sent,journeys_started,"
            + "journeys_in_app,throttled,errors,latency_samples,p50_ms,p99_ms");
    for (SoakDriver.Sample s : soak.samples()) {
      lines.add(
          String.join(
              ",",
              f(s.seconds()),
              f(s.heapAfterGcMib()),
              f(s.rssMib()),
              Integer.toString(s.backlog()),
              f(s.logRetainedMib()),
              Long.toString(s.sent()),
              Long.toString(s.journeysStarted()),
              Long.toString(s.journeysInApp()),
              Long.toString(s.throttled()),
              Long.toString(s.errors()),
              Integer.toString(s.latencySamples()),
              f(s.p50Ms()),
              f(s.p99Ms())));
    }
    Files.write(file, lines);
  }

  private static String f(double d) {
    return Double.isNaN(d) ? "" : String.format(java.util.Locale.ROOT, "%.1f", d);
  }

  static Map<String, String> parameters(BenchmarkOptions o) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("books", String.join(",", o.books()));
    p.put("runs", Integer.toString(o.runs()));
    p.put("warmupJourneys", Integer.toString(o.warmupJourneys()));
    p.put("journeysPerRun", Integer.toString(o.journeysPerRun()));
    p.put("window", Integer.toString(o.window()));
    p.put("rate", Double.toString(o.rate()));
    p.put("latencyWindow", o.latencyWindow().toString());
    p.put("database", o.database());
    p.put("stateStore", o.stateStore().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    p.put("seed", Long.toString(o.seed()));
    p.put("smoke", Boolean.toString(o.smoke()));
    p.put("soak", o.soak() == null ? "" : o.soak().toString());
    p.put("soakRate", Double.toString(o.soakRate()));
    p.put("soakSample", o.soakSample().toString());
    return p;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse(System.getProperty("os.arch"));
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }

  private static String num(double d) {
    return Double.isNaN(d) ? "" : fmt("%.3f", d);
  }

  private static String fmt(String pattern, double d) {
    return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, pattern, d);
  }
}
