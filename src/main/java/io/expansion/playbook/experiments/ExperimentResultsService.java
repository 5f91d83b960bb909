package io.expansion.playbook.experiments;

import io.expansion.playbook.experiments.ExperimentData.AccountOutcome;
import io.expansion.playbook.experiments.ExperimentResults.ArmResult;
import io.expansion.playbook.experiments.ExperimentResults.ArmValue;
import io.expansion.playbook.experiments.ExperimentResults.Comparison;
import io.expansion.playbook.experiments.ExperimentResults.Guardrail;
import io.expansion.playbook.experiments.ExperimentResults.GuardrailComparison;
import io.expansion.playbook.experiments.ExperimentResults.Primary;
import io.expansion.playbook.experiments.ExperimentResults.SampleRatioCheck;
import io.expansion.playbook.experiments.ExperimentStatistics.Interval;
import io.expansion.playbook.experiments.ExperimentStatistics.Ratio;
import io.expansion.playbook.experiments.ExperimentStatistics.Summary;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Service;

/** {@link #results}: an experiment measured on the database the app is connected to. */
@Service
public class ExperimentResultsService {

  static final double CONFIDENCE = 0.95;
  static final double SRM_THRESHOLD = 0.001;

  private final ExperimentService experiments;
  private final ExperimentData data;
  private final ExperimentProperties properties;
  private final Clock clock;

  ExperimentResultsService(
      ExperimentService experiments,
      ExperimentData data,
      ExperimentProperties properties,
      Clock clock) {
    this.experiments = experiments;
    this.data = data;
    this.properties = properties;
    this.clock = clock;
  }

  /** The experiment's result now; 404 (ApiException) for an unknown key. */
  public ExperimentResults results(String key) {
    Experiment e = experiments.get(key);
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<AccountOutcome> all = data.outcomes(e, now);
    double[] y = values(all, AccountOutcome::expansionMrr);
    double[] x = values(all, AccountOutcome::prePeriodMrr);
    double theta = ExperimentStatistics.cupedTheta(y, x);
    double meanX = Summary.of(x).mean();
    double[] adjusted = ExperimentStatistics.cupedAdjust(y, x, theta, meanX);
    Summary rawAll = Summary.of(y);
    Double reduction =
        rawAll.n() < 2 || rawAll.variance() == 0
            ? null
            : 1 - Summary.of(adjusted).variance() / rawAll.variance();

    List<ArmResult> arms = new ArrayList<>();
    List<Comparison> comparisons = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Arm control = e.control();
    List<AccountOutcome> inControl = inArm(all, control);
    for (Arm arm : e.arms()) {
      List<AccountOutcome> in = inArm(all, arm);
      long conversions = in.stream().filter(o -> o.expansionMrr() > 0).count();
      arms.add(
          new ArmResult(
              arm.name(),
              arm.control(),
              arm.weight().doubleValue(),
              in.size(),
              conversions,
              in.isEmpty() ? null : (double) conversions / in.size(),
              mean(values(in, AccountOutcome::expansionMrr)),
              mean(cuped(in, theta, meanX)),
              mean(values(in, AccountOutcome::prePeriodMrr))));
      if (!arm.control()) {
        comparisons.add(compare(arm, in, inControl, theta, meanX));
      }
    }
    SampleRatioCheck srm = sampleRatio(e, arms);
    if (srm.mismatch()) {
      warnings.add(
          String.format(
              "Sample ratio mismatch: arm sizes %s differ from the weights (chi-square %.2f, p ="
                  + " %.2g < %s); the assignment or exposure is broken, do not trust the"
                  + " differences",
              srm.observed(), srm.chiSquare(), srm.pValue(), SRM_THRESHOLD));
    }
    List<Guardrail> guardrails = new ArrayList<>();
    for (String g : e.guardrails()) {
      Guardrail guardrail = guardrail(Metric.guardrail(g).orElseThrow(), e, all);
      guardrails.add(guardrail);
      guardrail.comparisons().stream()
          .filter(GuardrailComparison::warning)
          .forEach(
              c ->
                  warnings.add(
                      "Guardrail "
                          + g
                          + " is worse in arm "
                          + c.arm()
                          + " than in the control (difference "
                          + String.format("%.4f", c.difference().estimate())
                          + ", 95 % interval above zero)"));
    }
    return new ExperimentResults(
        e.key(),
        e.state(now),
        now,
        e.primaryMetric(),
        e.windowDays(),
        all.size(),
        arms,
        new Primary(e.primaryMetric(), theta, reduction, comparisons),
        srm,
        guardrails,
        warnings);
  }

  private Comparison compare(
      Arm arm, List<AccountOutcome> in, List<AccountOutcome> control, double theta, double meanX) {
    Summary t = Summary.of(cuped(in, theta, meanX));
    Summary c = Summary.of(cuped(control, theta, meanX));
    Interval difference = ExperimentStatistics.welch(t, c, CONFIDENCE);
    Interval raw =
        ExperimentStatistics.welch(
            Summary.of(values(in, AccountOutcome::expansionMrr)),
            Summary.of(values(control, AccountOutcome::expansionMrr)),
            CONFIDENCE);
    Interval sequence =
        ExperimentStatistics.confidenceSequence(t, c, 1 - CONFIDENCE, properties.plannedAccounts());
    Interval conversion =
        ExperimentStatistics.welch(
            Summary.of(values(in, o -> o.expansionMrr() > 0 ? 1 : 0)),
            Summary.of(values(control, o -> o.expansionMrr() > 0 ? 1 : 0)),
            CONFIDENCE);
    boolean significant = sequence != null && (sequence.lower() > 0 || sequence.upper() < 0);
    return new Comparison(arm.name(), difference, raw, sequence, conversion, significant);
  }

  private static SampleRatioCheck sampleRatio(Experiment e, List<ArmResult> arms) {
    long[] observed = arms.stream().mapToLong(ArmResult::exposed).toArray();
    double[] weights = e.arms().stream().mapToDouble(a -> a.weight().doubleValue()).toArray();
    long total = java.util.Arrays.stream(observed).sum();
    return SampleRatioCheck.of(
        arms.stream().map(ArmResult::exposed).toList(),
        e.arms().stream().map(a -> total * a.weight().doubleValue() / 100).toList(),
        ExperimentStatistics.sampleRatio(observed, weights, SRM_THRESHOLD),
        SRM_THRESHOLD);
  }

  private static Guardrail guardrail(Metric metric, Experiment e, List<AccountOutcome> all) {
    List<ArmValue> values = new ArrayList<>();
    List<GuardrailComparison> comparisons = new ArrayList<>();
    List<AccountOutcome> control = inArm(all, e.control());
    for (Arm arm : e.arms()) {
      List<AccountOutcome> in = inArm(all, arm);
      Interval difference;
      if (metric == Metric.DISCOUNT_GIVEN) {
        Ratio r = ratio(in);
        values.add(new ArmValue(arm.name(), Double.isNaN(r.ratio()) ? null : r.ratio()));
        difference = ExperimentStatistics.ratioDifference(r, ratio(control), CONFIDENCE);
      } else {
        ToDoubleFunction<AccountOutcome> f =
            metric == Metric.CHURN ? o -> o.churned() ? 1 : 0 : AccountOutcome::touches;
        values.add(new ArmValue(arm.name(), mean(values(in, f))));
        difference =
            ExperimentStatistics.welch(
                Summary.of(values(in, f)), Summary.of(values(control, f)), CONFIDENCE);
      }
      if (!arm.control()) {
        boolean worse = difference != null && difference.estimate() > 0;
        boolean warning = difference != null && difference.lower() > 0;
        comparisons.add(new GuardrailComparison(arm.name(), difference, worse, warning));
      }
    }
    return new Guardrail(metric.code(), values, comparisons);
  }

  private static Ratio ratio(List<AccountOutcome> in) {
    return Ratio.of(
        values(in, AccountOutcome::discountGiven), values(in, AccountOutcome::listPrice));
  }

  private static List<AccountOutcome> inArm(List<AccountOutcome> all, Arm arm) {
    return all.stream().filter(o -> o.arm().equals(arm.name())).toList();
  }

  private static double[] cuped(List<AccountOutcome> in, double theta, double meanX) {
    return ExperimentStatistics.cupedAdjust(
        values(in, AccountOutcome::expansionMrr),
        values(in, AccountOutcome::prePeriodMrr),
        theta,
        meanX);
  }

  private static double[] values(List<AccountOutcome> in, ToDoubleFunction<AccountOutcome> f) {
    return in.stream().mapToDouble(f).toArray();
  }

  private static Double mean(double[] xs) {
    return xs.length == 0 ? null : Summary.of(xs).mean();
  }
}
