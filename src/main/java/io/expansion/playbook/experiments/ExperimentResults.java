package io.expansion.playbook.experiments;

import io.expansion.playbook.experiments.ExperimentStatistics.Interval;
import io.expansion.playbook.experiments.ExperimentStatistics.SampleRatio;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An experiment's result as {@code GET /api/experiments/{key}/results} gives it (and the simulator
 * reports it).
 *
 * @param asOf when it was computed: windows still open count what happened so far
 * @param primary the primary metric, CUPED-adjusted, each variant against the control
 * @param sampleRatio the χ² check of the arms' sizes against their weights
 * @param warnings sample-ratio mismatch and guardrails worse than the control, in words
 */
public record ExperimentResults(
    String key,
    String state,
    OffsetDateTime asOf,
    String primaryMetric,
    int windowDays,
    long exposedAccounts,
    List<ArmResult> arms,
    Primary primary,
    SampleRatioCheck sampleRatio,
    List<Guardrail> guardrails,
    List<String> warnings) {

  /**
   * One arm's figures.
   *
   * @param conversion share of the arm's accounts with any expansion MRR in their window
   * @param meanExpansionMrr mean expansion MRR per account, as observed
   * @param cupedMeanExpansionMrr the same adjusted by CUPED (pre-period MRR as covariate)
   */
  public record ArmResult(
      String arm,
      boolean control,
      double weightPct,
      long exposed,
      long conversions,
      Double conversion,
      Double meanExpansionMrr,
      Double cupedMeanExpansionMrr,
      Double meanPrePeriodMrr) {}

  /**
   * @param theta CUPED's coefficient on the pre-period MRR
   * @param varianceReduction 1 − var(adjusted) / var(raw) over all accounts
   */
  public record Primary(
      String metric, double theta, Double varianceReduction, List<Comparison> comparisons) {}

  /**
   * A variant against the control.
   *
   * @param difference CUPED mean difference with its 95 % Welch interval
   * @param unadjusted the same without CUPED
   * @param confidenceSequence always-valid 95 % interval (safe to read at any time)
   * @param conversion difference in conversion (Welch, 95 %)
   */
  public record Comparison(
      String arm,
      Interval difference,
      Interval unadjusted,
      Interval confidenceSequence,
      Interval conversion,
      boolean significant) {}

  public record SampleRatioCheck(
      List<Long> observed,
      List<Double> expected,
      double chiSquare,
      int df,
      double pValue,
      double threshold,
      boolean mismatch) {
    static SampleRatioCheck of(
        List<Long> observed, List<Double> expected, SampleRatio s, double threshold) {
      return new SampleRatioCheck(
          observed, expected, s.chiSquare(), s.df(), s.pValue(), threshold, s.mismatch());
    }
  }

  /**
   * A guardrail metric per arm and each variant's difference to the control (lower is better for
   * all of them).
   *
   * @param worse the point estimate is above the control's
   * @param warning the 95 % interval lies wholly above zero: significantly worse
   */
  public record Guardrail(
      String metric, List<ArmValue> arms, List<GuardrailComparison> comparisons) {}

  public record ArmValue(String arm, Double value) {}

  public record GuardrailComparison(
      String arm, Interval difference, boolean worse, boolean warning) {}
}
