package io.expansion.playbook.scoring;

import java.util.Map;
import java.util.Set;

/**
 * A health model fitted from outcomes: a calibrated {@link Scorecard} or boosted trees ({@link
 * GbtModel}). Both score an account's raw factor values into named contributions on the same health
 * scale (health 40 at even odds, every {@code pointsToDoubleOdds} points more halve them).
 */
public interface FittedModel {

  String SCORECARD = "scorecard";
  String GBT = "gbt";

  /** {@code scorecard} or {@code gbt}. */
  String modelType();

  /** The factors the model reads, derived factors' inputs included. */
  Set<String> inputFactors();

  /** The factors that get a contribution (derived factors included). */
  Set<String> coveredFactors();

  /** Contributions (a baseline first), the log-odds of churn and its probability. */
  Scorecard.Scored score(Map<String, Object> features);
}
