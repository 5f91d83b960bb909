package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fits a score card: bins every factor on the given rows — quantile bins for numbers, one bin per
 * category, a bin for missing values — and fits an L2-regularised logistic regression with one
 * weight per bin. Factors whose values do not vary get no weight. {@link ModelTraining} splits the
 * book, cross-validates and measures; {@link #calibrate} is the score card on its own.
 */
public final class Calibrator {

  private Calibrator() {}

  /** An account's raw factor values and its outcome. */
  public record Example(String id, Map<String, Object> features, boolean churned) {}

  /** How to fit and scale. */
  public record Settings(
      long seed,
      double holdoutShare,
      double l2,
      int maxBins,
      int minBinCount,
      double healthAtEvenOdds,
      double pointsToDoubleOdds) {}

  /**
   * Sizes and quality of a fit.
   *
   * @param referenceHoldoutAuc plain logistic regression on the raw values, same split
   * @param iterations Newton iterations of the score card's fit (0 for boosted trees)
   * @param modelType {@code scorecard} or {@code gbt}
   * @param requestedType what was asked for: {@code scorecard}, {@code gbt} or {@code auto}
   * @param cvAuc cross-validated AUC on the training part, per model type tried
   * @param folds number of cross-validation folds
   * @param derivedFactors the derived factors the model uses, described
   * @param gbt the boosted trees' settings ({@code null} for a score card)
   * @param protectedAttributes attributes never used
   */
  public record Metrics(
      int rows,
      int trainRows,
      int holdoutRows,
      double churnRate,
      double trainAuc,
      double holdoutAuc,
      double referenceHoldoutAuc,
      long seed,
      double holdoutShare,
      double l2,
      int maxBins,
      int iterations,
      List<String> factors,
      List<String> factorsWithoutVariance,
      String modelType,
      String requestedType,
      Map<String, Double> cvAuc,
      int folds,
      List<String> derivedFactors,
      GbtModel.Settings gbt,
      List<String> protectedAttributes) {}

  /**
   * The fitted model and how well it ranks.
   *
   * @param artifact the booster's bytes (boosted trees), else {@code null}
   * @param holdoutIds the accounts of the hold-out
   */
  public record Result(
      FittedModel model, Metrics metrics, byte[] artifact, List<String> holdoutIds) {

    /** The score card ({@code null} when the model is boosted trees). */
    public Scorecard scorecard() {
      return model instanceof Scorecard card ? card : null;
    }
  }

  /** A score card fitted on some rows, with the factors that had no variance there. */
  record Fitted(Scorecard scorecard, int iterations, List<String> constant) {}

  /**
   * The score card alone (no derived factors) on the book's stratified training split.
   *
   * @throws IllegalArgumentException when there are too few examples or only one outcome
   */
  public static Result calibrate(List<Example> examples, Settings settings) {
    return ModelTraining.train(
        examples, ModelTraining.Options.scorecardOnly(settings), ModelTraining.SCORECARD);
  }

  /** Checks that both outcomes are present often enough. */
  static void requireBothOutcomes(List<Example> examples) {
    long churned = examples.stream().filter(Example::churned).count();
    long stayed = examples.size() - churned;
    if (churned < 5 || stayed < 5) {
      throw new IllegalArgumentException(
          "Calibration needs at least 5 churned and 5 retained accounts with a known outcome, got "
              + churned
              + " churned and "
              + stayed
              + " retained");
    }
  }

  /**
   * Bins every factor on the given rows and fits a score card on them.
   *
   * @param features each example's factor values (derived factors included)
   * @param derived the derived factors among them
   * @throws IllegalArgumentException when no factor varies
   */
  static Fitted fit(
      List<Map<String, Object>> features,
      boolean[] churned,
      List<Integer> rows,
      List<DerivedFactor> derived,
      Settings settings) {
    Set<String> names = new LinkedHashSet<>();
    features.forEach(f -> names.addAll(f.keySet()));
    List<BinnedFactor> factors = new ArrayList<>();
    List<String> constant = new ArrayList<>();
    for (String name : names) {
      List<Object> values = new ArrayList<>(rows.size());
      for (int i : rows) {
        values.add(features.get(i).get(name));
      }
      Optional<BinnedFactor> binned =
          Binning.build(name, values, settings.maxBins(), settings.minBinCount());
      binned.ifPresentOrElse(factors::add, () -> constant.add(name));
    }
    if (factors.isEmpty()) {
      throw new IllegalArgumentException("No factor varies across the accounts with an outcome");
    }
    int[] offsets = new int[factors.size()];
    int columns = 0;
    for (int f = 0; f < factors.size(); f++) {
      offsets[f] = columns;
      columns += factors.get(f).bins().size();
    }
    int[][] encoded = new int[rows.size()][];
    boolean[] labels = new boolean[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      encoded[r] = activeBins(features.get(rows.get(r)), factors, offsets);
      labels[r] = churned[rows.get(r)];
    }
    LogisticRegression.Fit fit = LogisticRegression.fit(encoded, labels, columns, settings.l2());
    Set<String> binned = new LinkedHashSet<>();
    factors.forEach(f -> binned.add(f.name()));
    List<DerivedFactor> used = derived.stream().filter(d -> binned.contains(d.name())).toList();
    return new Fitted(
        scale(fit, factors, offsets, settings, used), fit.iterations(), List.copyOf(constant));
  }

  /** The active bin column of each factor for one account's values. */
  static int[] activeBins(Map<String, Object> features, List<BinnedFactor> factors, int[] offsets) {
    int[] active = new int[factors.size()];
    int n = 0;
    for (int f = 0; f < factors.size(); f++) {
      int bin = factors.get(f).binOf(features.get(factors.get(f).name()));
      if (bin >= 0) {
        active[n++] = offsets[f] + bin;
      }
    }
    return Arrays.copyOf(active, n);
  }

  /** Centres each factor's weights on its training average and turns them into points. */
  private static Scorecard scale(
      LogisticRegression.Fit fit,
      List<BinnedFactor> factors,
      int[] offsets,
      Settings settings,
      List<DerivedFactor> derived) {
    double pointsPerLogit = settings.pointsToDoubleOdds() / Math.log(2);
    double intercept = fit.intercept();
    List<BinnedFactor> scaled = new ArrayList<>(factors.size());
    for (int f = 0; f < factors.size(); f++) {
      BinnedFactor factor = factors.get(f);
      int size = factor.bins().size();
      double mean = 0;
      double shares = 0;
      for (int b = 0; b < size; b++) {
        mean += factor.bins().get(b).share() * fit.weights()[offsets[f] + b];
        shares += factor.bins().get(b).share();
      }
      mean = shares > 0 ? mean / shares : 0;
      intercept += mean;
      double[] weights = new double[size];
      int[] points = new int[size];
      for (int b = 0; b < size; b++) {
        weights[b] = fit.weights()[offsets[f] + b] - mean;
        points[b] = (int) Math.round(-pointsPerLogit * weights[b]);
      }
      scaled.add(factor.withWeights(weights, points));
    }
    int basePoints = (int) Math.round(settings.healthAtEvenOdds() - pointsPerLogit * intercept);
    return new Scorecard(
        intercept,
        settings.healthAtEvenOdds(),
        settings.pointsToDoubleOdds(),
        basePoints,
        List.copyOf(scaled),
        List.copyOf(derived));
  }

  static double round(double value) {
    return Math.round(value * 10000) / 10000.0;
  }
}
