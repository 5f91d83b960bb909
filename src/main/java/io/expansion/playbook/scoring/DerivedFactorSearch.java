package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Proposes derived factors from the training part and screens them: sums of numeric columns that
 * share their last word (a unit such as {@code charge} or {@code minutes}), ratios within such a
 * group, rates per month of tenure, and pairs of categorical columns. A candidate passes the screen
 * when, binned, it explains churn beyond the binned factors it is made of by more than the BIC
 * penalty of its extra bins; the passing ones come strongest first. Whether a model keeps one is
 * decided by cross-validated AUC ({@link ModelTraining}).
 */
final class DerivedFactorSearch {

  static final String TENURE = "tenure_months";
  private static final int MAX_GROUP_FOR_RATIOS = 5;

  private DerivedFactorSearch() {}

  /** A candidate and its screening score (twice the log-likelihood gain minus the penalty). */
  record Candidate(DerivedFactor factor, double score) {}

  /**
   * @param excluded factors never combined (signal factors, protected attributes)
   * @return the candidates that pass the screen, best first, at most {@code limit}
   */
  static List<Candidate> screen(
      List<Calibrator.Example> examples,
      List<Integer> train,
      Set<String> excluded,
      Calibrator.Settings settings,
      int limit) {
    List<DerivedFactor> candidates = candidates(examples, train, excluded, settings.minBinCount());
    BinCache cache = new BinCache(examples, train, settings);
    List<Candidate> passed = new ArrayList<>();
    for (DerivedFactor candidate : candidates) {
      score(candidate, cache).ifPresent(s -> passed.add(new Candidate(candidate, s)));
    }
    passed.sort(Comparator.comparingDouble(Candidate::score).reversed());
    return List.copyOf(passed.subList(0, Math.min(limit, passed.size())));
  }

  /** Every candidate the columns of the book allow. */
  static List<DerivedFactor> candidates(
      List<Calibrator.Example> examples, List<Integer> train, Set<String> excluded, int minCount) {
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    for (int row : train) {
      examples
          .get(row)
          .features()
          .forEach((k, v) -> columns.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    columns.forEach(
        (name, values) -> {
          if (excluded.contains(name)) {
            return;
          }
          Set<Object> distinct = new HashSet<>();
          boolean allNumbers = true;
          for (Object v : values) {
            if (v != null) {
              distinct.add(v);
              allNumbers &= v instanceof Number;
            }
          }
          if (distinct.size() < 2) {
            return;
          }
          if (allNumbers && distinct.size() > 2) {
            numeric.add(name);
          } else if (distinct.size() <= Math.max(2, values.size() / Math.max(1, minCount))) {
            categorical.add(name);
          }
        });
    List<DerivedFactor> candidates = new ArrayList<>();
    Map<String, List<String>> byUnit = new TreeMap<>();
    for (String column : numeric) {
      if (!TENURE.equals(column)) {
        byUnit.computeIfAbsent(DerivedFactor.unit(column), u -> new ArrayList<>()).add(column);
      }
    }
    for (List<String> group : byUnit.values()) {
      if (group.size() < 2) {
        continue;
      }
      candidates.add(DerivedFactor.sum(group));
      if (group.size() <= MAX_GROUP_FOR_RATIOS) {
        for (int i = 0; i < group.size(); i++) {
          for (int j = i + 1; j < group.size(); j++) {
            candidates.add(DerivedFactor.ratio(group.get(i), group.get(j)));
          }
        }
      }
    }
    if (numeric.contains(TENURE)) {
      numeric.stream()
          .filter(c -> !TENURE.equals(c))
          .forEach(c -> candidates.add(DerivedFactor.rate(c, TENURE)));
    }
    for (int i = 0; i < categorical.size(); i++) {
      for (int j = i + 1; j < categorical.size(); j++) {
        candidates.add(DerivedFactor.pair(categorical.get(i), categorical.get(j)));
      }
    }
    return candidates;
  }

  /** Per-row bin indices of factors on the training rows, cached across candidates. */
  private static final class BinCache {
    private final List<Calibrator.Example> examples;
    private final List<Integer> train;
    private final Calibrator.Settings settings;
    private final Map<String, int[]> bins = new HashMap<>();
    private final Map<String, Double> baseLogLikelihood = new HashMap<>();

    BinCache(List<Calibrator.Example> examples, List<Integer> train, Calibrator.Settings settings) {
      this.examples = examples;
      this.train = train;
      this.settings = settings;
    }

    /** Bin index per training row (-1: no bin), or {@code null} when the values do not vary. */
    int[] of(String name, DerivedFactor derived) {
      if (derived == null && bins.containsKey(name)) {
        return bins.get(name);
      }
      List<Object> values = new ArrayList<>(train.size());
      for (int row : train) {
        Map<String, Object> features = examples.get(row).features();
        values.add(derived == null ? features.get(name) : derived.value(features));
      }
      int[] indices =
          Binning.build(name, values, settings.maxBins(), settings.minBinCount())
              .map(
                  factor -> {
                    int[] idx = new int[values.size()];
                    for (int r = 0; r < idx.length; r++) {
                      idx[r] = factor.binOf(values.get(r));
                    }
                    return idx;
                  })
              .orElse(null);
      if (derived == null) {
        bins.put(name, indices);
      }
      return indices;
    }
  }

  /** The candidate's BIC gain over its own inputs, or empty when it does not pay its bins. */
  private static Optional<Double> score(DerivedFactor candidate, BinCache cache) {
    List<int[]> base = new ArrayList<>();
    for (String parent : candidate.inputs()) {
      int[] bins = cache.of(parent, null);
      if (bins != null) {
        base.add(bins);
      }
    }
    int[] derived = cache.of(candidate.name(), candidate);
    if (derived == null) {
      return Optional.empty();
    }
    List<int[]> with = new ArrayList<>(base);
    with.add(derived);
    double without =
        cache.baseLogLikelihood.computeIfAbsent(
            String.join("|", candidate.inputs()), k -> logLikelihood(base, cache));
    double gain = 2 * (logLikelihood(with, cache) - without);
    int extraBins = java.util.Arrays.stream(derived).max().orElse(0);
    double penalty = extraBins * Math.log(cache.train.size());
    return gain > penalty ? Optional.of(gain - penalty) : Optional.empty();
  }

  private static double logLikelihood(List<int[]> factors, BinCache cache) {
    int[] offsets = new int[factors.size()];
    int columns = 0;
    for (int f = 0; f < factors.size(); f++) {
      offsets[f] = columns;
      columns += java.util.Arrays.stream(factors.get(f)).max().orElse(0) + 1;
    }
    int n = cache.train.size();
    int[][] rows = new int[n][];
    boolean[] labels = new boolean[n];
    for (int r = 0; r < n; r++) {
      int[] active = new int[factors.size()];
      int k = 0;
      for (int f = 0; f < factors.size(); f++) {
        int bin = factors.get(f)[r];
        if (bin >= 0) {
          active[k++] = offsets[f] + bin;
        }
      }
      rows[r] = java.util.Arrays.copyOf(active, k);
      labels[r] = cache.examples.get(cache.train.get(r)).churned();
    }
    LogisticRegression.Fit fit =
        LogisticRegression.fit(rows, labels, Math.max(1, columns), cache.settings.l2());
    double ll = 0;
    for (int r = 0; r < n; r++) {
      double p = LogisticRegression.sigmoid(fit.logit(rows[r]));
      ll += Math.log(Math.max(1e-12, labels[r] ? p : 1 - p));
    }
    return ll;
  }
}
