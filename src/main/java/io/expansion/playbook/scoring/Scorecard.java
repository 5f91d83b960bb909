package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A calibrated score card: points per factor bin, scaled so that health is linear in the log-odds
 * of staying. {@code healthAtEvenOdds} is the health of an account as likely to churn as not, and
 * every {@code pointsToDoubleOdds} points more halve the odds of churning.
 *
 * @param intercept log-odds of churn of an account whose every factor sits at its average
 * @param basePoints health of that average account (the {@code baseline} contribution)
 * @param derived derived factors among {@code factors} (computed from the others first)
 */
public record Scorecard(
    double intercept,
    double healthAtEvenOdds,
    double pointsToDoubleOdds,
    int basePoints,
    List<BinnedFactor> factors,
    List<DerivedFactor> derived)
    implements FittedModel {

  public Scorecard {
    derived = derived == null ? List.of() : List.copyOf(derived);
  }

  public static final String BASELINE = "baseline";

  /** The scored contributions, the log-odds of churn and its probability. */
  public record Scored(List<Contribution> contributions, double logit, double churnProbability) {}

  /** Health points per unit of log-odds. */
  public double pointsPerLogit() {
    return pointsToDoubleOdds / Math.log(2);
  }

  /** Health in 0..100 for a log-odds of churn. */
  public double health(double logit) {
    return Math.max(0, Math.min(100, healthAtEvenOdds - pointsPerLogit() * logit));
  }

  @Override
  public String modelType() {
    return SCORECARD;
  }

  @Override
  public Set<String> inputFactors() {
    Set<String> names = new LinkedHashSet<>();
    factors.forEach(f -> names.add(f.name()));
    derived.forEach(d -> names.addAll(d.inputs()));
    return names;
  }

  @Override
  public Set<String> coveredFactors() {
    Set<String> names = new LinkedHashSet<>();
    factors.forEach(f -> names.add(f.name()));
    return names;
  }

  /** Points of each factor for the account's raw factor values (missing keys count as missing). */
  @Override
  public Scored score(Map<String, Object> raw) {
    Map<String, Object> features = DerivedFactor.withDerived(raw, derived);
    List<Contribution> contributions = new ArrayList<>();
    contributions.add(
        new Contribution(BASELINE, "baseline", null, null, null, basePoints, "calibrated"));
    double logit = intercept;
    for (BinnedFactor factor : factors) {
      Object value = features.get(factor.name());
      int bin = factor.binOf(value);
      if (bin < 0) {
        contributions.add(
            new Contribution(
                factor.name(), "profile", value, null, "unseen value", 0, "calibrated"));
        continue;
      }
      BinnedFactor.Bin b = factor.bins().get(bin);
      logit += b.weight();
      contributions.add(
          new Contribution(
              factor.name(),
              "profile",
              value,
              Math.round(b.weight() * 10000) / 10000.0,
              b.label(),
              b.points(),
              "calibrated"));
    }
    return new Scored(List.copyOf(contributions), logit, LogisticRegression.sigmoid(logit));
  }
}
