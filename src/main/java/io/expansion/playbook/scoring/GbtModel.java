package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees (XGBoost) as a health model. Each score is explained by XGBoost's own SHAP
 * values (TreeSHAP, {@code predictContrib}): the tree margin is the sum of one value per input
 * column plus a bias; Platt scaling turns the margin into calibrated log-odds of churn ({@code
 * slope × margin + intercept}), which the score card's scale turns into health. So every factor's
 * points are {@code -pointsPerLogit × slope × its SHAP values}, the baseline holds the rest, and
 * the points (rounded so that they add up to the rounded health) sum to the health shown.
 */
public final class GbtModel implements FittedModel {

  /**
   * How the trees were grown (chosen by cross-validation on the training part).
   *
   * @param monotone per factor: +1 churn may only rise with it, -1 only fall (0s left out)
   */
  public record Settings(
      int maxDepth,
      double learningRate,
      int rounds,
      double minChildWeight,
      double subsample,
      double columnSample,
      double lambda,
      int earlyStoppingRounds,
      int threads,
      long seed,
      Map<String, Integer> monotone) {}

  /**
   * One input column of the trees.
   *
   * @param category {@code null} for a numeric factor; else the category this 0/1 column marks
   *     ({@code other}: any category not listed)
   */
  public record Column(String factor, String category) {}

  /** What a version stores besides the booster's bytes. */
  public record Definition(
      List<Column> columns,
      List<DerivedFactor> derived,
      double plattSlope,
      double plattIntercept,
      double healthAtEvenOdds,
      double pointsToDoubleOdds,
      Settings settings) {}

  private final Definition definition;
  private final Booster booster;
  private final List<String> factors;
  private final Map<String, Set<String>> categories;

  /**
   * @param booster the booster's bytes ({@link Booster#toByteArray(String)}, UBJSON)
   * @throws IllegalStateException when the bytes are not a booster
   */
  public GbtModel(Definition definition, byte[] booster) {
    this.definition = definition;
    try {
      this.booster = XGBoost.loadModel(booster);
    } catch (XGBoostError | java.io.IOException e) {
      throw new IllegalStateException("Cannot load the boosted trees: " + e.getMessage(), e);
    }
    Set<String> names = new LinkedHashSet<>();
    definition.columns().forEach(c -> names.add(c.factor()));
    this.factors = List.copyOf(names);
    this.categories = categories(definition.columns());
  }

  public Definition definition() {
    return definition;
  }

  @Override
  public String modelType() {
    return GBT;
  }

  @Override
  public Set<String> inputFactors() {
    Set<String> names = new LinkedHashSet<>(factors);
    definition.derived().forEach(d -> names.addAll(d.inputs()));
    return names;
  }

  @Override
  public Set<String> coveredFactors() {
    return new LinkedHashSet<>(factors);
  }

  /** Health points per unit of log-odds. */
  double pointsPerLogit() {
    return definition.pointsToDoubleOdds() / Math.log(2);
  }

  /** Calibrated log-odds of churn of each row (for measuring AUC on many rows at once). */
  double[] logits(List<Map<String, Object>> rows) {
    float[] data = new float[rows.size() * definition.columns().size()];
    for (int r = 0; r < rows.size(); r++) {
      float[] row = encode(DerivedFactor.withDerived(rows.get(r), definition.derived()));
      System.arraycopy(row, 0, data, r * row.length, row.length);
    }
    float[][] margins = predict(data, rows.size(), false);
    double[] logits = new double[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      logits[r] = definition.plattSlope() * margins[r][0] + definition.plattIntercept();
    }
    return logits;
  }

  @Override
  public Scorecard.Scored score(Map<String, Object> raw) {
    Map<String, Object> features = DerivedFactor.withDerived(raw, definition.derived());
    float[] shap = predict(encode(features), 1, true)[0];
    double slope = definition.plattSlope();
    double perLogit = pointsPerLogit();
    double[] logOdds = new double[factors.size()];
    double margin = shap[shap.length - 1];
    for (int c = 0; c < definition.columns().size(); c++) {
      logOdds[factors.indexOf(definition.columns().get(c).factor())] += slope * shap[c];
      margin += shap[c];
    }
    double logit = slope * margin + definition.plattIntercept();
    double[] exact = new double[factors.size() + 1];
    exact[0] =
        definition.healthAtEvenOdds()
            - perLogit * (slope * shap[shap.length - 1] + definition.plattIntercept());
    for (int f = 0; f < factors.size(); f++) {
      exact[f + 1] = -perLogit * logOdds[f];
    }
    int[] points = apportion(exact);
    List<Contribution> contributions = new ArrayList<>(factors.size() + 1);
    contributions.add(
        new Contribution(
            Scorecard.BASELINE, "baseline", null, null, null, points[0], "calibrated"));
    for (int f = 0; f < factors.size(); f++) {
      contributions.add(
          new Contribution(
              factors.get(f),
              "profile",
              features.get(factors.get(f)),
              Calibrator.round(logOdds[f]),
              null,
              points[f + 1],
              "calibrated"));
    }
    return new Scorecard.Scored(
        List.copyOf(contributions), logit, LogisticRegression.sigmoid(logit));
  }

  /**
   * Rounds each share to whole points so that they add up to the rounded total: each is rounded,
   * then the difference goes, one point at a time, to the shares that rounding moved most.
   */
  static int[] apportion(double[] exact) {
    double total = 0;
    int[] points = new int[exact.length];
    int sum = 0;
    for (int i = 0; i < exact.length; i++) {
      total += exact[i];
      points[i] = (int) Math.round(exact[i]);
      sum += points[i];
    }
    int difference = (int) Math.round(total) - sum;
    while (difference != 0) {
      int step = difference > 0 ? 1 : -1;
      int best = 0;
      double bestGap = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < exact.length; i++) {
        double gap = step * (exact[i] - points[i]);
        if (gap > bestGap) {
          bestGap = gap;
          best = i;
        }
      }
      points[best] += step;
      difference -= step;
    }
    return points;
  }

  /** The trees' input row for an account's values (derived factors computed already). */
  float[] encode(Map<String, Object> features) {
    return encode(features, definition.columns(), categories);
  }

  /** Each categorical factor's categories that have their own column. */
  static Map<String, Set<String>> categories(List<Column> columns) {
    Map<String, Set<String>> categories = new LinkedHashMap<>();
    for (Column column : columns) {
      if (column.category() != null) {
        categories
            .computeIfAbsent(column.factor(), f -> new LinkedHashSet<>())
            .add(column.category());
      }
    }
    return categories;
  }

  /** Numbers as they are, categories as 0/1 columns ({@code other}: any unlisted), missing NaN. */
  static float[] encode(
      Map<String, Object> features, List<Column> columns, Map<String, Set<String>> categories) {
    float[] row = new float[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      Column column = columns.get(c);
      Object value = features.get(column.factor());
      if (column.category() == null) {
        row[c] = value instanceof Number n ? n.floatValue() : Float.NaN;
      } else if (value == null) {
        row[c] = Float.NaN;
      } else {
        String text = value.toString();
        boolean match =
            column.category().equals(text)
                || (BinnedFactor.OTHER.equals(column.category())
                    && !categories.get(column.factor()).contains(text));
        row[c] = match ? 1 : 0;
      }
    }
    return row;
  }

  private float[][] predict(float[] data, int rows, boolean contributions) {
    DMatrix matrix = null;
    try {
      matrix = new DMatrix(data, rows, definition.columns().size(), Float.NaN);
      synchronized (booster) {
        return contributions ? booster.predictContrib(matrix, 0) : booster.predict(matrix, true);
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("Boosted trees cannot score: " + e.getMessage(), e);
    } finally {
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }
}
