package io.expansion.playbook.scoring;

import io.expansion.playbook.scoring.BinnedFactor.Bin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the bins of one factor from its training values: quantile bins for numbers, one bin per
 * category for text (rare categories share an {@code other} bin), and a bin for missing values.
 * Bins smaller than the minimum are merged with a neighbour.
 */
final class Binning {

  private Binning() {}

  /**
   * @param values training values: {@link Number}, text, or {@code null} for missing
   * @return the factor's bins (weights still zero), or empty when the values do not vary
   */
  static Optional<BinnedFactor> build(String name, List<Object> values, int maxBins, int minCount) {
    List<Object> present = values.stream().filter(v -> v != null).toList();
    long missing = values.size() - present.size();
    boolean numeric = !present.isEmpty() && present.stream().allMatch(Number.class::isInstance);
    List<Bin> bins =
        numeric
            ? numericBins(
                present.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray(),
                maxBins,
                minCount,
                values.size())
            : categoricalBins(present, minCount, values.size());
    List<Bin> all = new ArrayList<>(bins);
    if (missing > 0) {
      all.add(new Bin("missing", null, List.of(), true, share(missing, values.size()), 0, 0));
    }
    if (all.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(
        new BinnedFactor(
            name, numeric ? BinnedFactor.NUMERIC : BinnedFactor.CATEGORICAL, List.copyOf(all)));
  }

  private static List<Bin> numericBins(double[] raw, int maxBins, int minCount, int total) {
    if (raw.length == 0) {
      return List.of();
    }
    double[] sorted = raw.clone();
    Arrays.sort(sorted);
    TreeMap<Double, Long> counts = new TreeMap<>();
    for (double v : sorted) {
      counts.merge(v, 1L, Long::sum);
    }
    List<Double> cuts = new ArrayList<>();
    if (counts.size() <= maxBins) {
      cuts.addAll(counts.keySet());
    } else {
      for (int q = 1; q < maxBins; q++) {
        double cut = sorted[(int) Math.floor((double) q * sorted.length / maxBins) - 1];
        if (cuts.isEmpty() || cut > cuts.get(cuts.size() - 1)) {
          cuts.add(cut);
        }
      }
    }
    cuts.remove(sorted[sorted.length - 1]); // the last bin is open-ended
    List<long[]> binCounts = new ArrayList<>(); // per bin: count
    List<Double> uppers = new ArrayList<>(cuts);
    uppers.add(null);
    for (Double upper : uppers) {
      binCounts.add(new long[] {0});
    }
    for (double v : sorted) {
      int i = 0;
      while (uppers.get(i) != null && v > uppers.get(i)) {
        i++;
      }
      binCounts.get(i)[0]++;
    }
    // merge bins below the minimum count into their right neighbour (the last into its left)
    int i = 0;
    while (uppers.size() > 1 && i < uppers.size()) {
      if (binCounts.get(i)[0] >= minCount) {
        i++;
        continue;
      }
      int into = i < uppers.size() - 1 ? i + 1 : i - 1;
      binCounts.get(into)[0] += binCounts.get(i)[0];
      if (into > i) {
        uppers.remove(i);
        binCounts.remove(i);
      } else {
        uppers.remove(into);
        binCounts.remove(into);
        i = into;
      }
    }
    List<Bin> bins = new ArrayList<>();
    Double lower = null;
    for (int b = 0; b < uppers.size(); b++) {
      Double upper = uppers.get(b);
      String label;
      if (upper == null) {
        label = lower == null ? "all" : "> " + BinnedFactor.format(lower);
      } else if (lower == null) {
        label = "<= " + BinnedFactor.format(upper);
      } else {
        label = "(" + BinnedFactor.format(lower) + ", " + BinnedFactor.format(upper) + "]";
      }
      bins.add(new Bin(label, upper, List.of(), false, share(binCounts.get(b)[0], total), 0, 0));
      lower = upper;
    }
    return bins;
  }

  private static List<Bin> categoricalBins(List<Object> present, int minCount, int total) {
    Map<String, Long> counts = new TreeMap<>();
    for (Object v : present) {
      counts.merge(v.toString(), 1L, Long::sum);
    }
    Map<String, List<String>> bins = new LinkedHashMap<>();
    Map<String, Long> binCounts = new LinkedHashMap<>();
    List<String> rare = new ArrayList<>();
    long rareCount = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() >= minCount) {
        bins.put(e.getKey(), List.of(e.getKey()));
        binCounts.put(e.getKey(), e.getValue());
      } else {
        rare.add(e.getKey());
        rareCount += e.getValue();
      }
    }
    List<Bin> result = new ArrayList<>();
    bins.forEach(
        (label, categories) ->
            result.add(
                new Bin(label, null, categories, false, share(binCounts.get(label), total), 0, 0)));
    if (!rare.isEmpty()) {
      result.add(
          new Bin(
              BinnedFactor.OTHER, null, List.copyOf(rare), false, share(rareCount, total), 0, 0));
    }
    return result;
  }

  private static double share(long count, int total) {
    return total == 0 ? 0 : Math.round(count * 10000.0 / total) / 10000.0;
  }
}
