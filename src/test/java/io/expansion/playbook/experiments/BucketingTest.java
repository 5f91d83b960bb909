package io.expansion.playbook.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deterministic, evenly spread and independent assignment on 100,000 account ids. */
class BucketingTest {

  private static final int IDS = 100_000;
  private static final List<Arm> ARMS =
      List.of(
          new Arm("control", new BigDecimal("50"), true, null),
          new Arm("email", new BigDecimal("30"), false, "email"),
          new Arm("csm", new BigDecimal("20"), false, "csm"));

  @Test
  void theSameIdAndSaltAlwaysGiveTheSameBucketAndAnotherSaltAnother() {
    int bucket = Bucketing.bucket("exp-a", "TELCO-0029");
    for (int i = 0; i < 5; i++) {
      assertThat(Bucketing.bucket("exp-a", "TELCO-0029")).isEqualTo(bucket);
    }
    assertThat(bucket).isBetween(0, Bucketing.BUCKETS - 1);
    long differ =
        java.util.stream.IntStream.range(0, 1000)
            .filter(i -> Bucketing.bucket("exp-a", "A" + i) != Bucketing.bucket("exp-b", "A" + i))
            .count();
    assertThat(differ).isGreaterThan(990);
  }

  @Test
  void armSharesFollowTheWeightsOn100kIds() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < IDS; i++) {
      counts.merge(
          Bucketing.arm(ARMS, Bucketing.bucket("exp-a", "ACC-" + i)).name(), 1, Integer::sum);
    }
    // binomial sd at n = 100k is at most 0.0016: 0.006 is almost four of them
    assertThat(counts.get("control") / (double) IDS).isCloseTo(0.50, within(0.006));
    assertThat(counts.get("email") / (double) IDS).isCloseTo(0.30, within(0.006));
    assertThat(counts.get("csm") / (double) IDS).isCloseTo(0.20, within(0.006));
    double chi =
        ExperimentStatistics.sampleRatio(
                new long[] {counts.get("control"), counts.get("email"), counts.get("csm")},
                new double[] {50, 30, 20},
                0.001)
            .pValue();
    assertThat(chi).isGreaterThan(0.001);
  }

  @Test
  void twoExperimentsAssignIndependently() {
    List<Arm> half =
        List.of(
            new Arm("control", new BigDecimal("50"), true, null),
            new Arm("variant", new BigDecimal("50"), false, "skip"));
    long[][] table = new long[2][2];
    for (int i = 0; i < IDS; i++) {
      String id = "ACC-" + i;
      int a = Bucketing.arm(half, Bucketing.bucket("exp-a", id)).control() ? 0 : 1;
      int b = Bucketing.arm(half, Bucketing.bucket("exp-b", id)).control() ? 0 : 1;
      table[a][b]++;
    }
    // each of the four combinations holds a quarter: χ² of independence (1 df) stays small
    double chi = 0;
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        double rowShare = (table[a][0] + table[a][1]) / (double) IDS;
        double colShare = (table[0][b] + table[1][b]) / (double) IDS;
        double expected = rowShare * colShare * IDS;
        chi += (table[a][b] - expected) * (table[a][b] - expected) / expected;
        assertThat(table[a][b] / (double) IDS).isCloseTo(0.25, within(0.006));
      }
    }
    assertThat(chi).isLessThan(10.83); // the χ²(1) quantile for p = 0.001
  }

  @Test
  void theHoldoutShareHoldsOn100kIds() {
    long heldOut =
        java.util.stream.IntStream.range(0, IDS)
            .filter(i -> Bucketing.bucket("global-holdout", "ACC-" + i) < 500)
            .count();
    assertThat(heldOut / (double) IDS).isCloseTo(0.05, within(0.003));
  }
}
