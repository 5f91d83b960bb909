package io.expansion.playbook.benchmark;

import io.expansion.playbook.benchmark.BenchmarkResults.Bare;
import io.expansion.playbook.benchmark.BenchmarkResults.Book;
import io.expansion.playbook.benchmark.BenchmarkResults.Latency;
import io.expansion.playbook.book.BookScoring;
import io.expansion.playbook.book.BookScoringRun;
import io.expansion.playbook.engine.RecordTap;
import io.expansion.playbook.journeys.ExpansionJourney;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark: for each book, the real app on the embedded runtime (import, score and segment;
 * journey throughput; signal-to-first-action latency at a fixed load; memory), then the bare engine
 * with no-op workers on the same models, and the results as a table, CSV, JSON and a PNG chart.
 */
final class Benchmark {

  private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);
  private static final long PROBE_POLL_MILLIS = 20;

  private final BenchmarkOptions options;
  private List<JourneyShape> mix;
  private final Map<String, SoakDriver.Result> soaks = new java.util.LinkedHashMap<>();

  Benchmark(BenchmarkOptions options) {
    this.options = options;
  }

  BenchmarkResults run() throws Exception {
    long started = System.nanoTime();
    Files.createDirectories(options.out());
    List<Book> books = new ArrayList<>();
    for (String book : options.books()) {
      books.add(runBook(book));
    }
    if (mix == null) {
      throw new IllegalStateException("No book ran, so there are no journeys to replay");
    }
    Bare bare = BarePhase.run(options, mix);
    List<Book> withRatio =
        books.stream().map(b -> b.withRatio(bare.settledJourneysPerSecond().mean())).toList();
    BenchmarkResults results =
        new BenchmarkResults(
            ResultWriter.machine(),
            ResultWriter.parameters(options),
            withRatio,
            bare,
            soaks,
            (System.nanoTime() - started) / 1e9);
    ResultWriter.write(results, options.out());
    ResultChart.write(results, options.out().resolve("results.png"));
    LOG.info("\n{}", ResultWriter.table(results));
    return results;
  }

  private Book runBook(String book) throws Exception {
    Path csv = bookFile(book);
    LOG.info("Book {}: starting the app", book);
    ProcessMemory before = ProcessMemory.measure();
    try (AppUnderTest app = AppUnderTest.start(book, options);
        ActionProbe probe =
            new ActionProbe(app.jdbc(), ExpansionJourney.AWAIT_SIGNAL, PROBE_POLL_MILLIS);
        SignalRoutings routings = new SignalRoutings(app.jdbc())) {
      long t = System.nanoTime();
      int accounts = BookImport.telcoCsv(app).load(csv);
      double importSeconds = (System.nanoTime() - t) / 1e9;
      // The app's own whole-book scoring (the path imports, model changes and the schedule take):
      // health with contributions, segment by the deployed DMN, next best action per account.
      t = System.nanoTime();
      BookScoringRun scored = app.bean(BookScoring.class).runNow("benchmark", null);
      double scoreSeconds = (System.nanoTime() - t) / 1e9;
      if (!BookScoringRun.SUCCEEDED.equals(scored.state())) {
        throw new IllegalStateException("Whole-book scoring failed: " + scored.message());
      }
      Map<String, Integer> segments = new TreeMap<>(scored.segments());
      LOG.info(
          "Book {}: {} accounts imported in {} s, scored, segmented and given next best actions"
              + " by the app in {} s: segments {}, actions {}",
          book,
          accounts,
          fmt(importSeconds),
          fmt(scoreSeconds),
          segments,
          scored.actions());
      ProcessMemory afterImport = ProcessMemory.measure();

      Random random = new Random(options.seed());
      List<String> eligible =
          BookAccounts.shuffled(BookAccounts.eligibleAccounts(app.jdbc()), random);
      int runs = options.runs();
      int warmup = Math.min(options.warmupJourneys(), eligible.size() / (runs + 1));
      int perRun = Math.min(options.journeysPerRun(), (eligible.size() - warmup) / runs);
      SignalFeed feed = new SignalFeed(app.baseUri(), routings, app.integrationApiKey());
      AppTarget target = new AppTarget(feed, probe, eligible.iterator());
      LOG.info("Book {}: warm-up with {} journeys", book, warmup);
      if (mix == null) {
        // A tap reads the warm-up's records; closed right after, so the log releases them again.
        try (RecordTap tap = app.engine().openRecordTap()) {
          ThroughputDriver.run(target, warmup, options.window(), options.settleTimeout());
          mix = BarePhase.captureMix(app, probe, tap, target.startedJourneys());
        }
      } else {
        ThroughputDriver.run(target, warmup, options.window(), options.settleTimeout());
      }
      ProcessMemory beforeThroughput = ProcessMemory.measure();
      boolean sqlStatistics = SqlStatistics.available(app.bean(DataSource.class));
      if (sqlStatistics) {
        SqlStatistics.start(app.jdbc(), 1000);
      }
      List<Double> automated = new ArrayList<>();
      List<Double> settled = new ArrayList<>();
      long completed = 0;
      long startedJourneys = 0;
      boolean timedOut = false;
      for (int r = 0; r < runs && perRun > 0; r++) {
        ThroughputDriver.Run run =
            ThroughputDriver.run(target, perRun, options.window(), options.settleTimeout());
        LOG.info(
            "Book {}: throughput run {}: {} journeys, {} automated touches in {} s = {}/s",
            book,
            r + 1,
            run.started(),
            run.completed(),
            fmt(run.seconds()),
            fmt(run.completedPerSecond()));
        automated.add(run.completedPerSecond());
        settled.add(run.settledPerSecond());
        completed += run.completed();
        startedJourneys += run.started();
        timedOut |= run.timedOut();
      }
      ProcessMemory afterThroughput = ProcessMemory.measure();
      if (sqlStatistics) {
        SqlStatistics.report(
            book, app.jdbc(), startedJourneys, options.out().resolve("sql-" + book + ".csv"));
      }
      long activeJourneys =
          app.jdbc()
              .sql("SELECT COUNT(*) FROM journeys WHERE status = 'ACTIVE'")
              .query(Long.class)
              .single();

      Set<String> used = new HashSet<>(target.usedAccounts());
      List<String> fresh =
          BookAccounts.shuffled(
              BookAccounts.allAccounts(app.jdbc()).stream().filter(a -> !used.contains(a)).toList(),
              random);
      Iterator<String> latencyAccounts =
          BookAccounts.cycleAfter(fresh, BookAccounts.allAccounts(app.jdbc()));
      List<LatencyDriver.Window> windows = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        LatencyDriver.Window w =
            LatencyDriver.run(
                feed,
                probe,
                latencyAccounts,
                random,
                options.rate(),
                options.latencyWindow(),
                options.settleTimeout(),
                1_000_000L * (r + 1));
        LOG.info(
            "Book {}: latency window {}: {} sent at {}/s, {} started, p50 {} p95 {} p99 {} ms",
            book,
            r + 1,
            w.sent(),
            fmt(w.achievedRate()),
            w.started(),
            fmt(w.percentile(50)),
            fmt(w.percentile(95)),
            fmt(w.percentile(99)));
        windows.add(w);
      }
      if (options.soak() != null) {
        soaks.put(book, SoakPhase.run(options, book, app, feed, probe, latencyAccounts, random));
      }
      ProcessMemory after = ProcessMemory.measure();
      double growth =
          startedJourneys == 0
              ? Double.NaN
              : (afterThroughput.heapAfterGcMib() - beforeThroughput.heapAfterGcMib())
                  / startedJourneys
                  * 1000;
      double rssGrowth =
          startedJourneys == 0
              ? Double.NaN
              : (afterThroughput.rssMib() - beforeThroughput.rssMib()) / startedJourneys * 1000;
      return new Book(
          book,
          accounts,
          importSeconds,
          scoreSeconds,
          segments,
          perRun,
          Stats.Summary.of(automated),
          Stats.Summary.of(settled),
          startedJourneys == 0 ? Double.NaN : (double) completed / startedJourneys,
          timedOut,
          activeJourneys,
          options.rate(),
          Stats.Summary.of(windows.stream().map(LatencyDriver.Window::achievedRate).toList()),
          Stats.Summary.of(
              windows.stream().map(w -> w.percentile(50)).filter(d -> !d.isNaN()).toList()),
          Stats.Summary.of(
              windows.stream().map(w -> w.percentile(95)).filter(d -> !d.isNaN()).toList()),
          Stats.Summary.of(
              windows.stream().map(w -> w.percentile(99)).filter(d -> !d.isNaN()).toList()),
          Latency.pooled(windows),
          before,
          afterImport,
          afterThroughput,
          after,
          growth,
          rssGrowth,
          Double.NaN);
    }
  }

  private Path bookFile(String book) {
    if (BenchmarkOptions.TELCO.equals(book)) {
      Path telco = options.telcoBook();
      return Files.isRegularFile(telco)
          ? telco
          : Path.of("src/main/resources/demo/telco-customers.csv");
    }
    int size = Integer.parseInt(book);
    return SyntheticBook.write(
        options.out().resolve("books").resolve("synthetic-" + size + ".csv"), size, options.seed());
  }

  static String fmt(double d) {
    return String.format(java.util.Locale.ROOT, "%.1f", d);
  }
}
