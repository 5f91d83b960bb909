package io.expansion.playbook.benchmark;

import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Benchmark parameters, read from {@code bench.*} system properties (see README, "Benchmark").
 *
 * @param books book sizes to run, e.g. {@code 1000,10000,100000,telco}
 * @param runs measured runs per book (after the warm-up)
 * @param warmupJourneys journeys driven and discarded before the measured runs
 * @param journeysPerRun journeys started per throughput run
 * @param window journeys in flight at most during a throughput run
 * @param rate offered load of the latency phase, signals per second
 * @param latencyWindow length of one latency window; {@code runs} windows are measured
 * @param telcoBook the Telco CSV (the demo book when absent)
 * @param touchType the job type whose completion is the bare engine's "touch"
 * @param database {@code mem} (default) or {@code file} (H2 under the output folder)
 * @param stateStore the embedded engine's state store for the app and the bare engine alike: {@code
 *     rocksdb} (default, as the app runs) or {@code in-memory} (the test engine's maps)
 * @param soak length of the soak after the latency windows (none when null): signals at {@code
 *     rate} to fresh accounts, sampled every {@code soakSample}, written to {@code soak-<book>.csv}
 *     and plotted to {@code soak-<book>.png}
 * @param soakRate offered load of the soak, signals per second ({@code rate} when unset), so the
 *     latency windows can measure below the app's capacity while the soak overloads it
 * @param soakSample how often the soak samples memory, backlog and latency
 * @param out output folder for results.csv, results.json and results.png
 */
record BenchmarkOptions(
    List<String> books,
    int runs,
    int warmupJourneys,
    int journeysPerRun,
    int window,
    double rate,
    Duration latencyWindow,
    Duration settleTimeout,
    Path telcoBook,
    Path modelsDir,
    String touchType,
    String database,
    EmbeddedZeebeEngine.StateStore stateStore,
    long seed,
    boolean smoke,
    Duration soak,
    double soakRate,
    Duration soakSample,
    Path out) {

  static final String TELCO = "telco";

  static BenchmarkOptions from(Properties given) {
    // Blank values (the Maven profile forwards every key) mean "use the default".
    Properties p = new Properties();
    given.stringPropertyNames().stream()
        .filter(k -> k.startsWith("bench.") && !given.getProperty(k).isBlank())
        .forEach(k -> p.setProperty(k, given.getProperty(k).trim()));
    boolean smoke = Boolean.parseBoolean(p.getProperty("bench.smoke", "false"));
    return new BenchmarkOptions(
        Arrays.stream(
                p.getProperty("bench.books", smoke ? "300" : "1000,10000,100000,telco").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList(),
        Integer.parseInt(p.getProperty("bench.runs", smoke ? "2" : "3")),
        Integer.parseInt(p.getProperty("bench.warmup", smoke ? "10" : "1000")),
        Integer.parseInt(p.getProperty("bench.journeys", smoke ? "20" : "1000")),
        Integer.parseInt(p.getProperty("bench.window", "64")),
        Double.parseDouble(p.getProperty("bench.rate", smoke ? "10" : "50")),
        Duration.parse(p.getProperty("bench.latency-window", smoke ? "PT2S" : "PT60S")),
        Duration.parse(p.getProperty("bench.settle-timeout", smoke ? "PT30S" : "PT120S")),
        Path.of(p.getProperty("bench.telco-book", "../shared/datasets/telco-customers.csv")),
        Path.of(p.getProperty("bench.models-dir", "bpmn")),
        p.getProperty("bench.touch-type", "send-touch"),
        p.getProperty("bench.database", "mem"),
        stateStore(p.getProperty("bench.state-store", "rocksdb")),
        Long.parseLong(p.getProperty("bench.seed", "42")),
        smoke,
        p.containsKey("bench.soak") ? Duration.parse(p.getProperty("bench.soak")) : null,
        Double.parseDouble(
            p.getProperty("bench.soak-rate", p.getProperty("bench.rate", smoke ? "10" : "50"))),
        Duration.parse(p.getProperty("bench.soak-sample", smoke ? "PT1S" : "PT5S")),
        Path.of(p.getProperty("bench.out", "target/benchmark")));
  }

  private static EmbeddedZeebeEngine.StateStore stateStore(String name) {
    for (EmbeddedZeebeEngine.StateStore store : EmbeddedZeebeEngine.StateStore.values()) {
      if (store.name().replace('_', '-').equalsIgnoreCase(name)) {
        return store;
      }
    }
    throw new IllegalArgumentException(
        "bench.state-store must be rocksdb or in-memory, not '" + name + "'");
  }

  /** The defaults, as documented; {@code smoke} for the quick mode. */
  static BenchmarkOptions defaults(boolean smoke) {
    Properties p = new Properties();
    p.setProperty("bench.smoke", Boolean.toString(smoke));
    return from(p);
  }

  BenchmarkOptions withSoak(Duration length) {
    return new BenchmarkOptions(
        books,
        runs,
        warmupJourneys,
        journeysPerRun,
        window,
        rate,
        latencyWindow,
        settleTimeout,
        telcoBook,
        modelsDir,
        touchType,
        database,
        stateStore,
        seed,
        smoke,
        length,
        soakRate,
        soakSample,
        out);
  }

  BenchmarkOptions withOut(Path dir) {
    return new BenchmarkOptions(
        books,
        runs,
        warmupJourneys,
        journeysPerRun,
        window,
        rate,
        latencyWindow,
        settleTimeout,
        telcoBook,
        modelsDir,
        touchType,
        database,
        stateStore,
        seed,
        smoke,
        soak,
        soakRate,
        soakSample,
        dir);
  }
}
