package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Fits a score card from accounts with a known outcome: bins every factor on a stratified training
 * split, fits an L2-regularised logistic regression with one weight per bin, and measures ROC AUC
 * on the training and the hold-out split. Factors whose values do not vary get no weight.
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
      List<String> factorsWithoutVariance) {}

  /** The fitted score card and how well it ranks. */
  public record Result(Scorecard scorecard, Metrics metrics) {}

  /**
   * @throws IllegalArgumentException when there are too few examples or only one outcome
   */
  public static Result calibrate(List<Example> examples, Settings settings) {
    List<Integer> churned = new ArrayList<>();
    List<Integer> stayed = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      (examples.get(i).churned() ? churned : stayed).add(i);
    }
    if (churned.size() < 5 || stayed.size() < 5) {
      throw new IllegalArgumentException(
          "Calibration needs at least 5 churned and 5 retained accounts with a known outcome, got "
              + churned.size()
              + " churned and "
              + stayed.size()
              + " retained");
    }
    Random random = new Random(settings.seed());
    Collections.shuffle(churned, random);
    Collections.shuffle(stayed, random);
    List<Integer> train = new ArrayList<>();
    List<Integer> holdout = new ArrayList<>();
    split(churned, settings.holdoutShare(), train, holdout);
    split(stayed, settings.holdoutShare(), train, holdout);
    Collections.sort(train);
    Collections.sort(holdout);

    Set<String> names = new LinkedHashSet<>();
    examples.forEach(e -> names.addAll(e.features().keySet()));
    List<BinnedFactor> factors = new ArrayList<>();
    List<String> constant = new ArrayList<>();
    for (String name : names) {
      List<Object> values = new ArrayList<>(train.size());
      for (int i : train) {
        values.add(examples.get(i).features().get(name));
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
    int[][] trainRows = encode(examples, train, factors, offsets);
    boolean[] trainLabels = labels(examples, train);
    LogisticRegression.Fit fit =
        LogisticRegression.fit(trainRows, trainLabels, columns, settings.l2());
    Scorecard scorecard = scale(fit, factors, offsets, settings);

    double trainAuc = RocAuc.of(logits(scorecard, examples, train), trainLabels);
    double holdoutAuc = RocAuc.of(logits(scorecard, examples, holdout), labels(examples, holdout));
    Metrics metrics =
        new Metrics(
            examples.size(),
            train.size(),
            holdout.size(),
            round((double) churned.size() / examples.size()),
            round(trainAuc),
            round(holdoutAuc),
            round(RawBaseline.holdoutAuc(examples, train, holdout)),
            settings.seed(),
            settings.holdoutShare(),
            settings.l2(),
            settings.maxBins(),
            fit.iterations(),
            factors.stream().map(BinnedFactor::name).toList(),
            List.copyOf(constant));
    return new Result(scorecard, metrics);
  }

  private static void split(
      List<Integer> indices, double holdoutShare, List<Integer> train, List<Integer> holdout) {
    int trainSize = (int) Math.round(indices.size() * (1 - holdoutShare));
    train.addAll(indices.subList(0, trainSize));
    holdout.addAll(indices.subList(trainSize, indices.size()));
  }

  /** Centres each factor's weights on its training average and turns them into points. */
  private static Scorecard scale(
      LogisticRegression.Fit fit, List<BinnedFactor> factors, int[] offsets, Settings settings) {
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
        List.copyOf(scaled));
  }

  private static int[][] encode(
      List<Example> examples, List<Integer> rows, List<BinnedFactor> factors, int[] offsets) {
    int[][] encoded = new int[rows.size()][];
    for (int r = 0; r < rows.size(); r++) {
      Map<String, Object> features = examples.get(rows.get(r)).features();
      int[] active = new int[factors.size()];
      int n = 0;
      for (int f = 0; f < factors.size(); f++) {
        int bin = factors.get(f).binOf(features.get(factors.get(f).name()));
        if (bin >= 0) {
          active[n++] = offsets[f] + bin;
        }
      }
      encoded[r] = java.util.Arrays.copyOf(active, n);
    }
    return encoded;
  }

  private static double[] logits(Scorecard card, List<Example> examples, List<Integer> rows) {
    double[] logits = new double[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      logits[r] = card.score(examples.get(rows.get(r)).features()).logit();
    }
    return logits;
  }

  private static boolean[] labels(List<Example> examples, List<Integer> rows) {
    boolean[] labels = new boolean[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      labels[r] = examples.get(rows.get(r)).churned();
    }
    return labels;
  }

  private static double round(double value) {
    return Math.round(value * 10000) / 10000.0;
  }
}
