package io.expansion.playbook.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference values computed independently (Welch's t-test by hand: means 4 and 2, variances 2.5 and
 * 2.5, n 5 and 5, standard error 1, df 8, t(0.975, 8) = 2.306004; delta method for the ratio).
 */
class ArmComparisonTest {

  @Test
  void welchIntervalAndRelativeLiftMatchTheReference() {
    ArmComparison.Sample variant = sample(2, 3, 4, 5, 6);
    ArmComparison.Sample control = sample(0, 1, 2, 3, 4);
    Map<String, Object> d = ArmComparison.welch(variant, control);
    assertThat(d)
        .containsEntry("estimate", new BigDecimal("2.0000"))
        .containsEntry("ciLow", new BigDecimal("-0.3060"))
        .containsEntry("ciHigh", new BigDecimal("4.3060"));
    // ratio 2, relative variance 2.5/(5*16) + 2.5/(5*4) = 0.15625, se = 2 * 0.395285 = 0.790569
    Map<String, Object> lift = ArmComparison.relativeLift(variant, control);
    assertThat(lift)
        .containsEntry("estimate", new BigDecimal("1.0000"))
        .containsEntry("ciLow", new BigDecimal("-0.5495"))
        .containsEntry("ciHigh", new BigDecimal("2.5495"));
  }

  @Test
  void noIntervalWithoutTwoAccountsPerArmOrAControlMean() {
    assertThat(ArmComparison.welch(sample(1), sample(1, 2))).isEmpty();
    assertThat(ArmComparison.relativeLift(sample(1, 2), sample(0, 0))).isEmpty();
  }

  private static ArmComparison.Sample sample(double... values) {
    ArmComparison.Sample s = new ArmComparison.Sample();
    for (double v : values) {
      s.add(v);
    }
    return s;
  }
}
