package io.expansion.playbook.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.expansion.playbook.experiments.ExperimentStatistics.Interval;
import io.expansion.playbook.experiments.ExperimentStatistics.Ratio;
import io.expansion.playbook.experiments.ExperimentStatistics.SampleRatio;
import io.expansion.playbook.experiments.ExperimentStatistics.Summary;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The statistics against reference values computed independently with plain Python (math module:
 * the t quantile by Simpson integration of the t density and bisection, χ² p-values in closed form
 * — erfc(√(χ²/2)) for one degree of freedom, exp(−χ²/2) for two — and the confidence sequence in
 * Howard et al.'s original form √((V+ρ) ln((V+ρ)/(ρα²))) / n rather than the form implemented).
 */
class ExperimentStatisticsTest {

  private static final double[] TREATMENT = {12.0, 15.5, 9.0, 20.0, 14.5, 11.0, 18.0, 13.5};
  private static final double[] CONTROL = {10.0, 8.5, 12.0, 9.5, 11.0, 7.0, 13.0, 10.5, 9.0, 12.5};

  @Test
  void welchIntervalMatchesTheReference() {
    Interval ci = ExperimentStatistics.welch(Summary.of(TREATMENT), Summary.of(CONTROL), 0.95);

    assertThat(ci.estimate()).isCloseTo(3.8875, within(1e-12));
    assertThat(ci.standardError()).isCloseTo(1.417001886109576, within(1e-12));
    assertThat(ci.df()).isCloseTo(9.98815417881556, within(1e-9));
    assertThat(ci.lower()).isCloseTo(0.7297154107303321, within(1e-7));
    assertThat(ci.upper()).isCloseTo(7.0452845892696665, within(1e-7));
  }

  @Test
  void confidenceSequenceMatchesTheNormalMixtureBoundaryAndIsWiderThanTheFixedInterval() {
    Summary t = Summary.of(TREATMENT);
    Summary c = Summary.of(CONTROL);

    Interval cs = ExperimentStatistics.confidenceSequence(t, c, 0.05, 20);

    assertThat(cs.lower()).isCloseTo(3.8875 - 4.302885845151966, within(1e-9));
    assertThat(cs.upper()).isCloseTo(3.8875 + 4.302885845151966, within(1e-9));
    Interval fixed = ExperimentStatistics.welch(t, c, 0.95);
    assertThat(cs.lower()).isLessThan(fixed.lower());
    assertThat(cs.upper()).isGreaterThan(fixed.upper());
  }

  @Test
  void confidenceSequenceCoversTheTruthAtEveryLookMoreOftenThanTheFixedInterval() {
    // 200 experiments with no effect, looked at after every 50 accounts per arm up to 1,000:
    // the fixed 95 % interval excludes 0 at some look far more often than 5 %; the sequence not.
    Random random = new Random(7);
    int sequenceErrors = 0;
    int fixedErrors = 0;
    for (int run = 0; run < 200; run++) {
      double[] a = new double[1000];
      double[] b = new double[1000];
      for (int i = 0; i < 1000; i++) {
        a[i] = random.nextGaussian() * 10;
        b[i] = random.nextGaussian() * 10;
      }
      boolean sequenceMissed = false;
      boolean fixedMissed = false;
      for (int n = 50; n <= 1000; n += 50) {
        Summary sa = Summary.of(java.util.Arrays.copyOf(a, n));
        Summary sb = Summary.of(java.util.Arrays.copyOf(b, n));
        Interval cs = ExperimentStatistics.confidenceSequence(sa, sb, 0.05, 1000);
        Interval ci = ExperimentStatistics.welch(sa, sb, 0.95);
        sequenceMissed |= cs.lower() > 0 || cs.upper() < 0;
        fixedMissed |= ci.lower() > 0 || ci.upper() < 0;
      }
      sequenceErrors += sequenceMissed ? 1 : 0;
      fixedErrors += fixedMissed ? 1 : 0;
    }
    assertThat(sequenceErrors).isLessThanOrEqualTo(10); // ≤ 5 % of 200
    assertThat(fixedErrors).isGreaterThan(2 * sequenceErrors + 10);
  }

  @Test
  void deltaMethodRatioMatchesTheReference() {
    Ratio t = Ratio.of(new double[] {5, 0, 12, 3, 0, 8}, new double[] {50, 40, 80, 30, 20, 60});
    Ratio c = Ratio.of(new double[] {2, 1, 0, 4, 3}, new double[] {40, 30, 20, 50, 60});

    assertThat(t.ratio()).isCloseTo(0.1, within(1e-12));
    assertThat(t.variance()).isCloseTo(0.0006122448979591838, within(1e-15));
    assertThat(c.variance()).isCloseTo(0.00010937500000000002, within(1e-15));
    Interval d = ExperimentStatistics.ratioDifference(t, c, 0.95);
    assertThat(d.estimate()).isCloseTo(0.05, within(1e-12));
    assertThat(d.lower()).isCloseTo(-0.0026504807404804306, within(1e-9));
    assertThat(d.upper()).isCloseTo(0.10265048074048044, within(1e-9));
  }

  @Test
  void sampleRatioMismatchIsFlaggedOnASkewedSplitOnly() {
    SampleRatio skewed =
        ExperimentStatistics.sampleRatio(new long[] {5200, 4800}, new double[] {50, 50}, 0.001);
    assertThat(skewed.chiSquare()).isCloseTo(16.0, within(1e-9));
    assertThat(skewed.pValue()).isCloseTo(6.334248366623977e-05, within(1e-9));
    assertThat(skewed.mismatch()).isTrue();

    SampleRatio fair =
        ExperimentStatistics.sampleRatio(new long[] {5080, 4920}, new double[] {50, 50}, 0.001);
    assertThat(fair.pValue()).isCloseTo(0.109598583399116, within(1e-9));
    assertThat(fair.mismatch()).isFalse();

    SampleRatio threeArms =
        ExperimentStatistics.sampleRatio(
            new long[] {3400, 3300, 3300}, new double[] {30, 30, 40}, 0.001);
    assertThat(threeArms.chiSquare()).isCloseTo(205.83333333333334, within(1e-9));
    assertThat(threeArms.df()).isEqualTo(2);
    assertThat(threeArms.mismatch()).isTrue();
  }

  @Test
  void cupedMatchesTheReferenceOnASmallSample() {
    double[] y = {10, 14, 9, 20, 15, 11, 18, 13};
    double[] x = {50, 70, 45, 95, 72, 55, 88, 60};

    double theta = ExperimentStatistics.cupedTheta(y, x);
    double[] adjusted = ExperimentStatistics.cupedAdjust(y, x, theta, Summary.of(x).mean());

    assertThat(theta).isCloseTo(0.2147311646721726, within(1e-12));
    assertThat(adjusted[0]).isCloseTo(13.623588403842913, within(1e-9));
    assertThat(Summary.of(y).variance()).isCloseTo(14.785714285714286, within(1e-12));
    assertThat(Summary.of(adjusted).variance()).isCloseTo(0.1303122968385063, within(1e-9));
    assertThat(Summary.of(adjusted).mean()).isCloseTo(Summary.of(y).mean(), within(1e-9));
  }

  @Test
  void cupedReducesTheVarianceAndNarrowsTheIntervalWhenThePrePeriodPredicts() {
    Random random = new Random(42);
    int n = 4000;
    double[] y = new double[n];
    double[] x = new double[n];
    boolean[] treated = new boolean[n];
    for (int i = 0; i < n; i++) {
      treated[i] = i % 2 == 0;
      x[i] = 80 + 25 * random.nextGaussian();
      y[i] = 0.3 * x[i] + 4 * random.nextGaussian() + (treated[i] ? 1.5 : 0);
    }
    double theta = ExperimentStatistics.cupedTheta(y, x);
    double[] adjusted = ExperimentStatistics.cupedAdjust(y, x, theta, Summary.of(x).mean());

    assertThat(theta).isCloseTo(0.3, within(0.02));
    assertThat(Summary.of(adjusted).variance()).isLessThan(0.3 * Summary.of(y).variance());
    Interval raw = ExperimentStatistics.welch(arm(y, treated, true), arm(y, treated, false), 0.95);
    Interval cuped =
        ExperimentStatistics.welch(
            arm(adjusted, treated, true), arm(adjusted, treated, false), 0.95);
    assertThat(cuped.upper() - cuped.lower()).isLessThan(0.6 * (raw.upper() - raw.lower()));
    assertThat(cuped.lower()).isLessThan(1.5);
    assertThat(cuped.upper()).isGreaterThan(1.5);
  }

  private static Summary arm(double[] values, boolean[] treated, boolean which) {
    return Summary.of(
        java.util.stream.IntStream.range(0, values.length)
            .filter(i -> treated[i] == which)
            .mapToDouble(i -> values[i])
            .toArray());
  }
}
