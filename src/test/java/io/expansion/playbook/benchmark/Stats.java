package io.expansion.playbook.benchmark;

import java.util.Arrays;
import java.util.List;

/** Mean, spread and percentiles of benchmark samples. */
final class Stats {

  private Stats() {}

  /** Mean and sample standard deviation of a list of run results, with min and max. */
  record Summary(double mean, double stddev, double min, double max, int n) {
    static Summary of(List<Double> samples) {
      if (samples.isEmpty()) {
        return new Summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
      }
      double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double squares = samples.stream().mapToDouble(s -> (s - mean) * (s - mean)).sum();
      double stddev = samples.size() > 1 ? Math.sqrt(squares / (samples.size() - 1)) : 0.0;
      double min = samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
      double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
      return new Summary(mean, stddev, min, max, samples.size());
    }

    String format() {
      return n == 0 ? "n/a" : "%.1f ± %.1f".formatted(mean, stddev);
    }
  }

  /** Nearest-rank percentile (0 < p <= 100) of unsorted samples; NaN when there are none. */
  static double percentile(double[] samples, double p) {
    if (samples.length == 0) {
      return Double.NaN;
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
