package io.expansion.playbook.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Two arms' means compared: the difference with a Welch 95 % interval, and the relative lift
 * (variant / control - 1) with a delta-method 95 % interval. Distributions from Hipparchus.
 */
final class ArmComparison {

  private ArmComparison() {}

  /** Running sums of one arm's values per account. */
  static final class Sample {
    private long n;
    private long converted;
    private double sum;
    private double sumSquares;

    void add(double value) {
      n++;
      sum += value;
      sumSquares += value * value;
      if (value > 0) {
        converted++;
      }
    }

    double mean() {
      return n == 0 ? 0 : sum / n;
    }

    double variance() {
      return n < 2 ? 0 : (sumSquares - n * mean() * mean()) / (n - 1);
    }

    long n() {
      return n;
    }

    Map<String, Object> summary() {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("accounts", n);
      s.put("converted", converted);
      s.put("conversion", n == 0 ? null : StandInExperiments.round((double) converted / n));
      s.put("meanExpansionMrr", StandInExperiments.round(mean()));
      return s;
    }
  }

  /** variant - control with the Welch 95 % interval; empty when an arm has under 2 accounts. */
  static Map<String, Object> welch(Sample variant, Sample control) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (variant.n() < 2 || control.n() < 2) {
      return d;
    }
    double va = variant.variance() / variant.n();
    double vb = control.variance() / control.n();
    double diff = variant.mean() - control.mean();
    double se = Math.sqrt(va + vb);
    double df =
        se == 0
            ? variant.n() + control.n() - 2
            : Math.pow(va + vb, 2) / (va * va / (variant.n() - 1) + vb * vb / (control.n() - 1));
    double t = new TDistribution(df).inverseCumulativeProbability(0.975);
    d.put("estimate", StandInExperiments.round(diff));
    d.put("ciLow", StandInExperiments.round(diff - t * se));
    d.put("ciHigh", StandInExperiments.round(diff + t * se));
    return d;
  }

  /** variant / control - 1 with a delta-method 95 % interval; empty when control's mean is 0. */
  static Map<String, Object> relativeLift(Sample variant, Sample control) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (variant.n() < 2 || control.n() < 2 || control.mean() <= 0) {
      return d;
    }
    double ratio = variant.mean() / control.mean();
    double relVar =
        variant.variance() / (variant.n() * variant.mean() * variant.mean())
            + control.variance() / (control.n() * control.mean() * control.mean());
    double se = ratio * Math.sqrt(Double.isFinite(relVar) ? relVar : 0);
    double z = 1.959963984540054;
    d.put("estimate", StandInExperiments.round(ratio - 1));
    d.put("ciLow", StandInExperiments.round(ratio - 1 - z * se));
    d.put("ciHigh", StandInExperiments.round(ratio - 1 + z * se));
    return d;
  }
}
