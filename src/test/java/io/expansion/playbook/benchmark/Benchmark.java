package io.expansion.playbook.benchmark;

import io.expansion.playbook.benchmark.BenchmarkResults.Bare;
import io.expansion.playbook.benchmark.BenchmarkResults.Book;
import io.expansion.playbook.benchmark.BenchmarkResults.Latency;
import io.expansion.playbook.book.BookScoring;
import io.expansion.playbook.book.BookScoringRun;
import io.expansion.playbook.engine.RecordTap;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.signals.SignalQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.DoubleStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

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
        books.stream().map(b -> withRatio(b, bare.settledJourneysPerSecond().mean())).toList();
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
      List<String> eligible = shuffled(eligibleAccounts(app.jdbc()), random);
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
      SqlStatistics.start(app.jdbc(), 1000);
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
      sqlStatistics(book, app, startedJourneys);
      long activeJourneys =
          app.jdbc()
              .sql("SELECT COUNT(*) FROM journeys WHERE status = 'ACTIVE'")
              .query(Long.class)
              .single();

      Set<String> used = new HashSet<>(target.usedAccounts());
      List<String> fresh =
          shuffled(
              allAccounts(app.jdbc()).stream().filter(a -> !used.contains(a)).toList(), random);
      Iterator<String> latencyAccounts = cycleAfter(fresh, allAccounts(app.jdbc()));
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
        soaks.put(book, soak(book, app, feed, probe, latencyAccounts, random));
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
          pooled(windows),
          before,
          afterImport,
          afterThroughput,
          after,
          growth,
          rssGrowth,
          Double.NaN);
    }
  }

  private SoakDriver.Result soak(
      String book,
      AppUnderTest app,
      SignalFeed feed,
      ActionProbe probe,
      Iterator<String> accounts,
      Random random)
      throws java.io.IOException {
    LOG.info("Book {}: soak of {} at {} signals/s", book, options.soak(), options.soakRate());
    SignalQueue queue = app.bean(SignalQueue.class);
    SoakDriver.Result soak =
        SoakDriver.run(
            feed,
            probe,
            accounts,
            random,
            options.soakRate(),
            options.soak(),
            options.soakSample(),
            options.settleTimeout(),
            queue::depth,
            () -> app.engine().logUsage().map(u -> u.retainedBytes()).orElse(0L),
            () -> app.jdbc().sql("SELECT COUNT(*) FROM journeys").query(Long.class).single());
    ResultWriter.writeSoak(soak, options.out().resolve("soak-" + book + ".csv"));
    SoakChart.write(
        "Soak, book " + book + ": " + options.soakRate() + " signals/s for " + options.soak(),
        soak,
        100,
        options.out().resolve("soak-" + book + ".png"));
    LOG.info(
        "Book {}: soak: {} sent, {} journeys, {} throttled, {} errors, p50 {} p95 {} p99 {} ms,"
            + " heap slope {} KiB/journey, max backlog {}",
        book,
        soak.sent(),
        soak.journeysStarted(),
        soak.throttled(),
        soak.errors(),
        fmt(soak.p50Ms()),
        fmt(soak.p95Ms()),
        fmt(soak.p99Ms()),
        fmt(soak.heapSlopeKibPerJourney()),
        soak.maxBacklog());
    return soak;
  }

  private void sqlStatistics(String book, AppUnderTest app, long journeys) throws IOException {
    List<SqlStatistics.Statement> statements = SqlStatistics.stop(app.jdbc());
    SqlStatistics.write(statements, journeys, options.out().resolve("sql-" + book + ".csv"));
    long executions = statements.stream().mapToLong(SqlStatistics.Statement::executions).sum();
    LOG.info(
        "Book {}: {} SQL statements per journey in the throughput runs ({} distinct), the"
            + " costliest: {}",
        book,
        fmt(journeys == 0 ? Double.NaN : (double) executions / journeys),
        statements.size(),
        statements.stream()
            .limit(5)
            .map(st -> fmt(st.totalMs()) + " ms " + st.executions() + "× " + abbreviate(st.sql()))
            .toList());
  }

  private static String abbreviate(String sql) {
    return sql.length() <= 90 ? sql : sql.substring(0, 87) + "...";
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

  /** Accounts a journey can reach an automated touch for: eligible segment, digital consent. */
  private static List<String> eligibleAccounts(JdbcClient jdbc) {
    return jdbc.sql(
            """
            SELECT a.id FROM accounts a
            WHERE a.segment IN ('high-potential', 'stable-adopter')
              AND EXISTS (SELECT 1 FROM contacts c JOIN contact_consents cc ON cc.contact_id = c.id
                          WHERE c.account_id = a.id AND cc.opted_in
                            AND cc.channel IN ('in_app', 'email'))
            ORDER BY a.id
            """)
        .query(String.class)
        .list();
  }

  private static List<String> allAccounts(JdbcClient jdbc) {
    return jdbc.sql("SELECT id FROM accounts ORDER BY id").query(String.class).list();
  }

  private static List<String> shuffled(List<String> ids, Random random) {
    List<String> copy = new ArrayList<>(ids);
    Collections.shuffle(copy, random);
    return copy;
  }

  /** The fresh accounts first, then all accounts round and round (signals to running journeys). */
  private static Iterator<String> cycleAfter(List<String> fresh, List<String> all) {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public String next() {
        int k = i++;
        return k < fresh.size() ? fresh.get(k) : all.get((k - fresh.size()) % all.size());
      }
    };
  }

  private static Latency pooled(List<LatencyDriver.Window> windows) {
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

  private static Book withRatio(Book b, double bareRate) {
    double ratio = bareRate > 0 ? b.settledJourneysPerSecond().mean() / bareRate : Double.NaN;
    return new Book(
        b.book(),
        b.accounts(),
        b.importSeconds(),
        b.scoreSegmentSeconds(),
        b.segments(),
        b.journeysPerRun(),
        b.automatedJourneysPerSecond(),
        b.settledJourneysPerSecond(),
        b.automatedShare(),
        b.throughputTimedOut(),
        b.activeJourneysAfterThroughput(),
        b.offeredSignalsPerSecond(),
        b.achievedSignalsPerSecond(),
        b.latencyP50Ms(),
        b.latencyP95Ms(),
        b.latencyP99Ms(),
        b.latencyAll(),
        b.memoryBefore(),
        b.memoryAfterImport(),
        b.memoryAfterThroughput(),
        b.memoryAfter(),
        b.heapGrowthMibPer1000Journeys(),
        b.rssGrowthMibPer1000Journeys(),
        ratio);
  }

  static String fmt(double d) {
    return String.format(java.util.Locale.ROOT, "%.1f", d);
  }

  /** The app as a throughput target: an intent signal over HTTP per journey, for fresh accounts. */
  private static final class AppTarget implements ThroughputDriver.Target {
    private final SignalFeed feed;
    private final ActionProbe probe;
    private final Iterator<String> accounts;
    private final List<String> used = Collections.synchronizedList(new ArrayList<>());
    private final List<String> journeys = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicLong lastRejected = new AtomicLong();
    private long sequence;

    AppTarget(SignalFeed feed, ActionProbe probe, Iterator<String> accounts) {
      this.feed = feed;
      this.probe = probe;
      this.accounts = accounts;
    }

    @Override
    public void start(int index) {
      String account = accounts.next();
      used.add(account);
      feed.post(account, SignalFeed.INTENT, sequence++)
          .whenComplete(
              (accepted, error) -> {
                if (error == null && accepted.startedJourney()) {
                  probe.watch(accepted.journeyId());
                  journeys.add(accepted.journeyId());
                } else {
                  rejected.incrementAndGet();
                  lastRejected.set(System.nanoTime());
                }
              });
    }

    @Override
    public int settled() {
      return probe.settledCount() + rejected.get();
    }

    @Override
    public long completed() {
      return probe.automatedTouches();
    }

    @Override
    public long lastSettledNanos() {
      return Math.max(probe.lastChangeNanos(), lastRejected.get());
    }

    List<String> usedAccounts() {
      return List.copyOf(used);
    }

    List<String> startedJourneys() {
      return List.copyOf(journeys);
    }
  }
}
