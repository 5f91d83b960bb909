package io.expansion.playbook.scoring;

import io.expansion.playbook.scoring.ScoringProperties.StageWeights;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes health with a model version: the configured stage score card, or a calibrated score card
 * whose factors replace the profile factors (signal factors the calibration could not fit — no
 * variance among accounts with an outcome — keep their configured stage weights).
 */
public final class HealthModel {

  private HealthModel() {}

  /**
   * A health score and the contributions it is the clamped sum of.
   *
   * @param churnProbability the calibrated churn probability; {@code null} for a configured model
   */
  public record Result(
      int health,
      String stage,
      String modelVersion,
      Double churnProbability,
      List<Contribution> contributions) {

    /** Factor name to points, in contribution order. */
    public Map<String, Integer> points() {
      Map<String, Integer> points = new java.util.LinkedHashMap<>();
      contributions.forEach(c -> points.merge(c.factor(), c.points(), Integer::sum));
      return points;
    }
  }

  /** The configured score card of the stage. */
  public static Result configured(
      AccountSnapshot s, String stage, StageWeights weights, String version) {
    List<Contribution> contributions = new ArrayList<>();
    contributions.add(
        new Contribution(
            Scorecard.BASELINE, "baseline", null, null, null, weights.baseline(), "config"));
    contributions.addAll(weighted(HealthFactors.inputs(s), weights, Set.of(), true));
    return result(contributions, stage, version, null);
  }

  /**
   * A model fitted from outcomes (score card or boosted trees) plus the configured signal factors
   * it does not read.
   */
  public static Result calibrated(
      AccountSnapshot s,
      String stage,
      StageWeights weights,
      String version,
      FittedModel model,
      Set<String> protectedNames) {
    Set<String> products = new HashSet<>(s.products());
    Set<String> fitted = new HashSet<>(model.coveredFactors());
    for (String factor : model.inputFactors()) {
      fitted.add(factor);
      if (factor.startsWith(ProfileFeatures.PRODUCT_PREFIX)) {
        products.add(factor.substring(ProfileFeatures.PRODUCT_PREFIX.length()));
      }
    }
    Scorecard.Scored scored = model.score(ProfileFeatures.of(s, protectedNames, products));
    List<Contribution> contributions = new ArrayList<>();
    for (Contribution c : scored.contributions()) {
      String group =
          Scorecard.BASELINE.equals(c.factor()) ? c.group() : HealthFactors.groupOf(c.factor());
      contributions.add(
          new Contribution(
              c.factor(), group, c.input(), c.weight(), c.bin(), c.points(), c.source()));
    }
    contributions.addAll(weighted(HealthFactors.inputs(s), weights, fitted, false));
    return result(
        contributions, stage, version, Math.round(scored.churnProbability() * 10000) / 10000.0);
  }

  private static List<Contribution> weighted(
      List<HealthFactors.Input> inputs,
      StageWeights weights,
      Set<String> skip,
      boolean includeProfile) {
    Map<String, Double> weightOf = weights.weights().asMap();
    List<Contribution> contributions = new ArrayList<>();
    for (HealthFactors.Input input : inputs) {
      double weight = weightOf.getOrDefault(input.factor(), 0.0);
      if (weight == 0
          || skip.contains(input.factor())
          || (!includeProfile && HealthFactors.PROFILE.equals(input.group()))) {
        continue;
      }
      int points = input.signal() == null ? 0 : (int) Math.round(weight * input.signal());
      contributions.add(
          new Contribution(
              input.factor(), input.group(), input.value(), weight, null, points, "config"));
    }
    return contributions;
  }

  private static Result result(
      List<Contribution> contributions, String stage, String version, Double churnProbability) {
    int sum = contributions.stream().mapToInt(Contribution::points).sum();
    return new Result(
        Math.max(0, Math.min(100, sum)),
        stage,
        version,
        churnProbability,
        List.copyOf(contributions));
  }
}
