package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Grows boosted trees with XGBoost: input columns from the training part, cross-validation of the
 * depth and learning rate with early stopping on each fold, Platt scaling fitted on the folds'
 * out-of-fold margins, and the final booster on the whole training part.
 */
final class GbtTrainer {

  private GbtTrainer() {}

  /**
   * What to try and how to grow.
   *
   * @param depths tree depths tried
   * @param learningRates learning rates tried
   * @param maxRounds most boosting rounds
   * @param earlyStoppingRounds rounds without a better fold AUC before a fold stops
   */
  record Options(
      List<Integer> depths,
      List<Double> learningRates,
      int maxRounds,
      int earlyStoppingRounds,
      double minChildWeight,
      double subsample,
      double columnSample,
      double lambda,
      int threads,
      Monotone monotone) {}

  /** The cross-validated AUC of one setting, its best number of rounds and out-of-fold margins. */
  record Cv(
      int maxDepth,
      double learningRate,
      int rounds,
      double auc,
      double[] foldAuc,
      double[] margins) {}

  /** Tries every depth and learning rate; the best cross-validated AUC wins. */
  static Cv tune(GbtMatrix matrix, List<Folds.Fold> folds, Options options, long seed) {
    Cv best = null;
    for (int depth : options.depths()) {
      for (double rate : options.learningRates()) {
        Cv cv = crossValidate(matrix, folds, options, depth, rate, seed, false);
        if (best == null || cv.auc() > best.auc() + 1e-9) {
          best = cv;
        }
      }
    }
    return best;
  }

  /**
   * Trains on each fold with early stopping on its validation rows; the number of rounds is the one
   * with the best mean validation AUC over the folds.
   *
   * @param withMargins also return each training row's out-of-fold margin at that round
   */
  static Cv crossValidate(
      GbtMatrix matrix,
      List<Folds.Fold> folds,
      Options options,
      Cv tuned,
      long seed,
      boolean margins) {
    return crossValidate(
        matrix, folds, options, tuned.maxDepth(), tuned.learningRate(), seed, margins);
  }

  private static Cv crossValidate(
      GbtMatrix matrix,
      List<Folds.Fold> folds,
      Options options,
      int depth,
      double rate,
      long seed,
      boolean withMargins) {
    Map<String, Object> params = params(matrix, options, depth, rate, seed);
    List<float[]> curves = new ArrayList<>();
    List<Booster> boosters = new ArrayList<>();
    int shortest = Integer.MAX_VALUE;
    try {
      for (Folds.Fold fold : folds) {
        DMatrix fit = matrix.rows(fold.fit());
        DMatrix validate = matrix.rows(fold.validate());
        try {
          float[][] metrics = new float[1][options.maxRounds()];
          Map<String, DMatrix> watches = new HashMap<>();
          watches.put("validate", validate);
          Booster booster =
              XGBoost.train(
                  fit,
                  params,
                  options.maxRounds(),
                  watches,
                  metrics,
                  null,
                  null,
                  options.earlyStoppingRounds());
          curves.add(metrics[0]);
          shortest = Math.min(shortest, booster.getNumBoostedRound());
          boosters.add(booster);
        } finally {
          fit.dispose();
          validate.dispose();
        }
      }
      int bestRound = 0;
      double bestAuc = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < shortest; r++) {
        double mean = 0;
        for (float[] curve : curves) {
          mean += curve[r];
        }
        mean /= curves.size();
        if (mean > bestAuc + 1e-9) {
          bestAuc = mean;
          bestRound = r;
        }
      }
      int rounds = bestRound + 1;
      double[] foldAuc = new double[curves.size()];
      for (int f = 0; f < foldAuc.length; f++) {
        foldAuc[f] = curves.get(f)[bestRound];
      }
      double[] margins = withMargins ? outOfFold(matrix, folds, boosters, rounds) : null;
      return new Cv(depth, rate, rounds, bestAuc, foldAuc, margins);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
    } finally {
      boosters.forEach(Booster::dispose);
    }
  }

  /**
   * Mean validation AUC over the folds of the trees grown with fixed settings and rounds (no early
   * stopping, so nothing is chosen on these folds).
   */
  static double validate(
      GbtMatrix matrix, List<Folds.Fold> folds, Options options, Cv cv, long seed) {
    double sum = 0;
    for (Folds.Fold fold : folds) {
      Booster booster = null;
      DMatrix fit = matrix.rows(fold.fit());
      DMatrix validate = matrix.rows(fold.validate());
      try {
        booster =
            XGBoost.train(
                fit,
                params(matrix, options, cv.maxDepth(), cv.learningRate(), seed),
                cv.rounds(),
                new HashMap<>(),
                null,
                null);
        float[][] predicted = booster.predict(validate, true);
        double[] scores = new double[predicted.length];
        boolean[] labels = new boolean[predicted.length];
        for (int r = 0; r < scores.length; r++) {
          scores[r] = predicted[r][0];
          labels[r] = matrix.labels()[fold.validate().get(r)];
        }
        sum += RocAuc.of(scores, labels);
      } catch (XGBoostError e) {
        throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
      } finally {
        fit.dispose();
        validate.dispose();
        if (booster != null) {
          booster.dispose();
        }
      }
    }
    return sum / folds.size();
  }

  /** The final booster on all training rows, as bytes. */
  static byte[] fit(GbtMatrix matrix, List<Integer> train, Options options, Cv cv, long seed) {
    DMatrix data = matrix.rows(train);
    Booster booster = null;
    try {
      booster =
          XGBoost.train(
              data,
              params(matrix, options, cv.maxDepth(), cv.learningRate(), seed),
              cv.rounds(),
              new HashMap<>(),
              null,
              null);
      return booster.toByteArray("ubj");
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
    } finally {
      data.dispose();
      if (booster != null) {
        booster.dispose();
      }
    }
  }

  private static double[] outOfFold(
      GbtMatrix matrix, List<Folds.Fold> folds, List<Booster> boosters, int rounds)
      throws XGBoostError {
    double[] margins = new double[matrix.labels().length];
    for (int f = 0; f < folds.size(); f++) {
      DMatrix validate = matrix.rows(folds.get(f).validate());
      try {
        float[][] predicted = boosters.get(f).predict(validate, true, rounds);
        List<Integer> rows = folds.get(f).validate();
        for (int r = 0; r < rows.size(); r++) {
          margins[rows.get(r)] = predicted[r][0];
        }
      } finally {
        validate.dispose();
      }
    }
    return margins;
  }

  private static Map<String, Object> params(
      GbtMatrix matrix, Options options, int depth, double rate, long seed) {
    Map<String, Object> params = new HashMap<>();
    params.put("objective", "binary:logistic");
    params.put("eval_metric", "auc");
    params.put("tree_method", "hist");
    params.put("max_depth", depth);
    params.put("eta", rate);
    params.put("min_child_weight", options.minChildWeight());
    params.put("subsample", options.subsample());
    params.put("colsample_bytree", options.columnSample());
    params.put("lambda", options.lambda());
    params.put("nthread", options.threads());
    params.put("seed", seed);
    params.put("verbosity", 0);
    params.put("silent", "true"); // keeps XGBoost4J from printing every round
    params.put("monotone_constraints", options.monotone().constraints(matrix.columns()));
    return params;
  }
}
