package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Cross-validation helpers of {@link ModelTraining}: score-card AUC, derived-factor selection. */
final class CrossValidation {

  private CrossValidation() {}

  /** Greedy: each screened candidate, strongest first, is kept when it adds enough CV AUC. */
  static List<DerivedFactor> select(
      List<DerivedFactorSearch.Candidate> candidates,
      double minGain,
      Function<List<DerivedFactor>, Double> cvAuc) {
    List<DerivedFactor> kept = new ArrayList<>();
    double best = cvAuc.apply(kept);
    for (DerivedFactorSearch.Candidate candidate : candidates) {
      List<DerivedFactor> next = new ArrayList<>(kept);
      next.add(candidate.factor());
      double auc = cvAuc.apply(next);
      if (auc >= best + minGain) {
        kept = next;
        best = auc;
      }
    }
    return List.copyOf(kept);
  }

  /** Mean validation AUC over the folds of score cards fitted on each fold's other rows. */
  static double scorecard(
      List<Map<String, Object>> features,
      boolean[] churned,
      List<Folds.Fold> folds,
      List<DerivedFactor> derived,
      Calibrator.Settings s) {
    double sum = 0;
    for (Folds.Fold fold : folds) {
      Scorecard card = Calibrator.fit(features, churned, fold.fit(), derived, s).scorecard();
      double[] logits = new double[fold.validate().size()];
      boolean[] labels = new boolean[logits.length];
      for (int r = 0; r < logits.length; r++) {
        logits[r] = card.score(features.get(fold.validate().get(r))).logit();
        labels[r] = churned[fold.validate().get(r)];
      }
      sum += RocAuc.of(logits, labels);
    }
    return sum / folds.size();
  }

  /** Every example's values with the derived factors added. */
  static List<Map<String, Object>> with(
      List<Map<String, Object>> base, List<DerivedFactor> derived) {
    return derived.isEmpty()
        ? base
        : base.stream().map(f -> DerivedFactor.withDerived(f, derived)).toList();
  }
}
