package io.expansion.playbook.benchmark;

import io.expansion.playbook.signals.SignalQueue;
import java.util.Iterator;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The soak of one book: the load, its samples written to CSV and plotted, and a summary line. */
final class SoakPhase {

  private static final Logger LOG = LoggerFactory.getLogger(SoakPhase.class);

  private SoakPhase() {}

  static SoakDriver.Result run(
      BenchmarkOptions options,
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
        Benchmark.fmt(soak.p50Ms()),
        Benchmark.fmt(soak.p95Ms()),
        Benchmark.fmt(soak.p99Ms()),
        Benchmark.fmt(soak.heapSlopeKibPerJourney()),
        soak.maxBacklog());
    return soak;
  }
}
