package io.expansion.playbook.experiments;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The statistics of an experiment's result, as pure functions (distributions from Hipparchus):
 * CUPED, Welch's interval, the delta method for ratio metrics, an always-valid confidence sequence
 * and the sample-ratio χ² test.
 */
public final class ExperimentStatistics {

  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private ExperimentStatistics() {}

  /** Size, mean and sample variance (n − 1) of one arm's values. */
  public record Summary(long n, double mean, double variance) {
    public static Summary of(double[] xs) {
      double mean = 0;
      for (double x : xs) {
        mean += x;
      }
      mean = xs.length == 0 ? Double.NaN : mean / xs.length;
      double ss = 0;
      for (double x : xs) {
        ss += (x - mean) * (x - mean);
      }
      return new Summary(xs.length, mean, xs.length < 2 ? Double.NaN : ss / (xs.length - 1));
    }

    double varianceOfMean() {
      return variance / n;
    }
  }

  /** An estimate with a two-sided interval; {@code df} is Welch's (null for a normal interval). */
  public record Interval(
      double estimate, double lower, double upper, double standardError, Double df) {}

  /** CUPED's θ = cov(y, x) / var(x) over all accounts (0 when x does not vary). */
  public static double cupedTheta(double[] y, double[] x) {
    double my = Summary.of(y).mean();
    double mx = Summary.of(x).mean();
    double cov = 0;
    double var = 0;
    for (int i = 0; i < y.length; i++) {
      cov += (y[i] - my) * (x[i] - mx);
      var += (x[i] - mx) * (x[i] - mx);
    }
    return var == 0 ? 0 : cov / var;
  }

  /** y − θ (x − mean x): same expectation, less variance when x predicts y. */
  public static double[] cupedAdjust(double[] y, double[] x, double theta, double meanX) {
    double[] adjusted = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      adjusted[i] = y[i] - theta * (x[i] - meanX);
    }
    return adjusted;
  }

  /**
   * Welch's interval for mean(treatment) − mean(control), with the Welch–Satterthwaite degrees of
   * freedom; null when an arm has fewer than two accounts.
   */
  public static Interval welch(Summary treatment, Summary control, double confidence) {
    if (treatment.n() < 2 || control.n() < 2) {
      return null;
    }
    double vt = treatment.varianceOfMean();
    double vc = control.varianceOfMean();
    double diff = treatment.mean() - control.mean();
    double se = Math.sqrt(vt + vc);
    if (se == 0) {
      return new Interval(diff, diff, diff, 0, (double) (treatment.n() + control.n() - 2));
    }
    double df =
        (vt + vc) * (vt + vc) / (vt * vt / (treatment.n() - 1) + vc * vc / (control.n() - 1));
    double t = new TDistribution(df).inverseCumulativeProbability(0.5 + confidence / 2);
    return new Interval(diff, diff - t * se, diff + t * se, se, df);
  }

  /**
   * An always-valid (1 − α) confidence sequence for the difference of means: the two-sided
   * normal-mixture boundary of Howard et al. (2021) in the asymptotic form of Waudby-Smith et al.
   * (2023), radius √(V · 2 (1 + m / (c n)) · ln(√(c n / m + 1) / α)) with V the variance of the
   * difference, n the accounts in both arms, and the mixture tuned to be tightest at m planned
   * accounts, c = −2 ln α + ln(1 − 2 ln α). Valid at every look, so peeking early is safe.
   */
  public static Interval confidenceSequence(
      Summary treatment, Summary control, double alpha, int plannedAccounts) {
    if (treatment.n() < 2 || control.n() < 2) {
      return null;
    }
    double v = treatment.varianceOfMean() + control.varianceOfMean();
    double diff = treatment.mean() - control.mean();
    double n = treatment.n() + control.n();
    double c = -2 * Math.log(alpha) + Math.log(1 - 2 * Math.log(alpha));
    double radius =
        Math.sqrt(
            v
                * 2
                * (1 + plannedAccounts / (c * n))
                * Math.log(Math.sqrt(c * n / plannedAccounts + 1) / alpha));
    return new Interval(diff, diff - radius, diff + radius, Math.sqrt(v), null);
  }

  /**
   * A ratio metric Σ num / Σ den over an arm's accounts with its delta-method variance: Var(R) ≈
   * (s²num − 2 R s(num, den) + R² s²den) / (n · mean(den)²).
   */
  public record Ratio(long n, double ratio, double variance) {
    public static Ratio of(double[] num, double[] den) {
      int n = num.length;
      double mn = Summary.of(num).mean();
      double md = Summary.of(den).mean();
      if (n < 2 || md == 0) {
        return new Ratio(n, n == 0 || md == 0 ? Double.NaN : mn / md, Double.NaN);
      }
      double r = mn / md;
      double snn = 0;
      double sdd = 0;
      double snd = 0;
      for (int i = 0; i < n; i++) {
        snn += (num[i] - mn) * (num[i] - mn);
        sdd += (den[i] - md) * (den[i] - md);
        snd += (num[i] - mn) * (den[i] - md);
      }
      snn /= n - 1;
      sdd /= n - 1;
      snd /= n - 1;
      return new Ratio(n, r, (snn - 2 * r * snd + r * r * sdd) / (n * md * md));
    }
  }

  /** Normal interval for ratio(treatment) − ratio(control) (delta method); null if undefined. */
  public static Interval ratioDifference(Ratio treatment, Ratio control, double confidence) {
    if (Double.isNaN(treatment.variance()) || Double.isNaN(control.variance())) {
      return null;
    }
    double diff = treatment.ratio() - control.ratio();
    double se = Math.sqrt(treatment.variance() + control.variance());
    double z = NORMAL.inverseCumulativeProbability(0.5 + confidence / 2);
    return new Interval(diff, diff - z * se, diff + z * se, se, null);
  }

  /** The χ² goodness-of-fit test of the arms' sizes against their weights. */
  public record SampleRatio(double chiSquare, int df, double pValue, boolean mismatch) {}

  /** SRM check: {@code mismatch} when p is below the threshold (0.001 by convention). */
  public static SampleRatio sampleRatio(long[] observed, double[] weights, double threshold) {
    long total = 0;
    double weightSum = 0;
    for (int i = 0; i < observed.length; i++) {
      total += observed[i];
      weightSum += weights[i];
    }
    if (total == 0) {
      return new SampleRatio(0, observed.length - 1, 1, false);
    }
    double chi = 0;
    for (int i = 0; i < observed.length; i++) {
      double expected = total * weights[i] / weightSum;
      chi += (observed[i] - expected) * (observed[i] - expected) / expected;
    }
    int df = observed.length - 1;
    double p = 1 - new ChiSquaredDistribution(df).cumulativeProbability(chi);
    return new SampleRatio(chi, df, p, p < threshold);
  }
}
