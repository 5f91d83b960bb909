package io.expansion.playbook.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.benchmark.BenchmarkResults.Book;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the benchmark in its quick mode (a 300-account book, a few seconds per phase) and checks
 * that every section was measured and every file written with sane values. No timing thresholds:
 * the figures themselves belong to {@code ./mvnw -Pbenchmark}.
 */
class BenchmarkSmokeTest {

  @Test
  void quickModeMeasuresEverySectionAndWritesTableCsvJsonAndChart(@TempDir Path out)
      throws Exception {
    BenchmarkOptions options =
        BenchmarkOptions.defaults(true).withSoak(Duration.ofSeconds(3)).withOut(out);

    BenchmarkResults results = new Benchmark(options).run();

    assertThat(results.books()).hasSize(1);
    Book book = results.books().getFirst();
    assertThat(book.accounts()).isEqualTo(300);
    assertThat(book.segments().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
    assertThat(book.segments()).containsKeys("high-potential", "stable-adopter", "at-risk");
    assertThat(book.importSeconds()).isPositive();
    assertThat(book.scoreSegmentSeconds()).isPositive();
    assertThat(book.automatedJourneysPerSecond().n()).isEqualTo(options.runs());
    assertThat(book.automatedJourneysPerSecond().mean()).isPositive();
    assertThat(book.automatedShare()).isBetween(0.5, 1.0);
    assertThat(book.latencyAll().signalsSent()).isPositive();
    assertThat(book.latencyAll().withAction()).isPositive();
    assertThat(book.latencyAll().errors()).isZero();
    assertThat(book.latencyAll().p50Ms()).isPositive();
    assertThat(book.latencyAll().p99Ms()).isGreaterThanOrEqualTo(book.latencyAll().p50Ms());
    assertThat(book.memoryAfter().heapAfterGcMib()).isPositive();
    assertThat(book.memoryAfter().rssMib()).isGreaterThan(book.memoryAfter().heapAfterGcMib());
    assertThat(book.appToBareRatio()).isPositive();

    assertThat(results.bare().automatedJourneysPerSecond().mean()).isPositive();
    assertThat(results.bare().settledJourneysPerSecond().mean())
        .isGreaterThanOrEqualTo(results.bare().automatedJourneysPerSecond().mean());
    assertThat(results.bare().timedOut()).as("every replayed journey settled").isFalse();
    assertThat(results.bare().mix().keySet()).anyMatch(k -> k.startsWith("touch after "));
    assertThat(results.bare().jobTypes())
        .contains("score-account", "check-eligibility", "check-consent", "send-touch");
    assertThat(results.bare().replayedOutputs()).contains("score-account", "send-touch");

    if (!"postgres".equals(System.getProperty("expansion.test.database"))) {
      // H2's own statement statistics; the PostgreSQL test run has none to read.
      assertThat(Files.readAllLines(out.resolve("sql-300.csv")))
          .hasSizeGreaterThan(5)
          .anyMatch(line -> line.contains("journeys"));
    }
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv).hasSize(2);
    assertThat(csv.get(0))
        .contains(
            "automated_journeys_per_s_mean",
            "journeys_per_s_mean",
            "bare_journeys_per_s_mean",
            "latency_p99_ms_mean");
    assertThat(csv.get(1)).startsWith("300,300,");
    JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(json.path("books").get(0).path("latencyAll").path("withAction").asInt())
        .isPositive();
    assertThat(json.path("bare").path("jobTypes").size()).isGreaterThan(5);
    SoakDriver.Result soak = results.soaks().get("300");
    assertThat(soak.sent()).isPositive();
    assertThat(soak.samples()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(soak.samples().getLast().heapAfterGcMib()).isPositive();
    assertThat(soak.samples().getLast().backlog()).isZero();
    assertThat(Files.readAllLines(out.resolve("soak-300.csv")))
        .hasSize(soak.samples().size() + 1)
        .first()
        .asString()
        .contains("heap_after_gc_mib", "backlog", "p99_ms");
    assertThat(ImageIO.read(out.resolve("soak-300.png").toFile()).getHeight()).isEqualTo(900);
    assertThat(json.path("soaks").path("300").path("samples").size()).isPositive();
    BufferedImage chart = ImageIO.read(out.resolve("results.png").toFile());
    assertThat(chart.getWidth()).isEqualTo(1200);
    assertThat(ResultWriter.table(results))
        .contains("auto journeys/s", "app/bare", "p99 ms", "bare engine");
  }
}
