package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Stratified splits of accounts with a known outcome: the training / hold-out split and the
 * cross-validation folds of the training part. Everything follows from the seed.
 */
final class Folds {

  private Folds() {}

  /** Row indices of the training part and of the hold-out, each in ascending order. */
  record Split(List<Integer> train, List<Integer> holdout) {}

  /** One cross-validation fold: rows to fit on and rows to measure on. */
  record Fold(List<Integer> fit, List<Integer> validate) {}

  /** The stratified split: the same share of churned and of retained accounts is held out. */
  static Split holdout(boolean[] churned, double holdoutShare, long seed) {
    List<Integer> positives = new ArrayList<>();
    List<Integer> negatives = new ArrayList<>();
    for (int i = 0; i < churned.length; i++) {
      (churned[i] ? positives : negatives).add(i);
    }
    Random random = new Random(seed);
    Collections.shuffle(positives, random);
    Collections.shuffle(negatives, random);
    List<Integer> train = new ArrayList<>();
    List<Integer> holdout = new ArrayList<>();
    for (List<Integer> indices : List.of(positives, negatives)) {
      int trainSize = (int) Math.round(indices.size() * (1 - holdoutShare));
      train.addAll(indices.subList(0, trainSize));
      holdout.addAll(indices.subList(trainSize, indices.size()));
    }
    Collections.sort(train);
    Collections.sort(holdout);
    return new Split(List.copyOf(train), List.copyOf(holdout));
  }

  /** {@code k} stratified folds of the given rows (each row validates in exactly one fold). */
  static List<Fold> kFold(List<Integer> rows, boolean[] churned, int k, long seed) {
    List<Integer> positives = new ArrayList<>();
    List<Integer> negatives = new ArrayList<>();
    rows.forEach(r -> (churned[r] ? positives : negatives).add(r));
    Random random = new Random(seed ^ 0x5DEECE66DL);
    Collections.shuffle(positives, random);
    Collections.shuffle(negatives, random);
    List<List<Integer>> parts = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      parts.add(new ArrayList<>());
    }
    int next = 0;
    for (List<Integer> indices : List.of(positives, negatives)) {
      for (int r : indices) {
        parts.get(next++ % k).add(r);
      }
    }
    List<Fold> folds = new ArrayList<>(k);
    for (int f = 0; f < k; f++) {
      List<Integer> fit = new ArrayList<>();
      for (int g = 0; g < k; g++) {
        if (g != f) {
          fit.addAll(parts.get(g));
        }
      }
      Collections.sort(fit);
      List<Integer> validate = new ArrayList<>(parts.get(f));
      Collections.sort(validate);
      folds.add(new Fold(List.copyOf(fit), List.copyOf(validate)));
    }
    return List.copyOf(folds);
  }

  static boolean[] labels(List<Calibrator.Example> examples) {
    boolean[] labels = new boolean[examples.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = examples.get(i).churned();
    }
    return labels;
  }
}
