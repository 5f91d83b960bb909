package io.expansion.playbook.benchmark;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./mvnw -Pbenchmark}: runs the benchmark with the {@code bench.*} system properties and
 * exits (the in-memory engine leaves non-daemon threads behind).
 */
public final class BenchmarkMain {

  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

  private BenchmarkMain() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int status = 0;
    try {
      BenchmarkOptions options = BenchmarkOptions.from(System.getProperties());
      LOG.info("Benchmark parameters: {}", ResultWriter.parameters(options));
      new Benchmark(options).run();
      LOG.info("Results in {}", options.out().toAbsolutePath());
    } catch (Exception | Error e) {
      LOG.error("Benchmark failed", e);
      status = 1;
    }
    System.exit(status);
  }
}
