package io.expansion.playbook.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Binning, the logistic fit, ROC AUC and calibration on data whose answer is known. */
class CalibratorTest {

  private static final Calibrator.Settings SETTINGS =
      new Calibrator.Settings(7, 0.3, 0.01, 5, 20, 40, 10);

  @Test
  void aucOfPerfectReversedTiedAndRandomRankings() {
    boolean[] labels = {false, false, true, true};
    assertThat(RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels)).isEqualTo(1.0);
    assertThat(RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels)).isEqualTo(0.0);
    assertThat(RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, labels)).isEqualTo(0.5);
    assertThat(RocAuc.of(new double[] {0.1, 0.6, 0.4, 0.9}, labels)).isEqualTo(0.75);
    assertThat(RocAuc.of(new double[] {1, 2}, new boolean[] {true, true})).isNaN();

    Random random = new Random(1);
    int n = 20_000;
    double[] scores = new double[n];
    boolean[] outcomes = new boolean[n];
    for (int i = 0; i < n; i++) {
      scores[i] = random.nextDouble();
      outcomes[i] = random.nextBoolean();
    }
    assertThat(RocAuc.of(scores, outcomes)).isCloseTo(0.5, within(0.02));
  }

  @Test
  void numericBinsFollowQuantilesAndKeepMissingValuesApart() {
    List<Object> values = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      values.add((double) i);
    }
    values.add(null);
    BinnedFactor factor = Binning.build("x", values, 4, 1).orElseThrow();
    assertThat(factor.kind()).isEqualTo(BinnedFactor.NUMERIC);
    assertThat(factor.bins())
        .extracting(BinnedFactor.Bin::label)
        .containsExactly("<= 25", "(25, 50]", "(50, 75]", "> 75", "missing");
    assertThat(factor.binOf(25.0)).isZero();
    assertThat(factor.binOf(26.0)).isEqualTo(1);
    assertThat(factor.binOf(1000.0)).isEqualTo(3);
    assertThat(factor.binOf(null)).isEqualTo(4);
    assertThat(factor.bins().get(0).share()).isCloseTo(25 / 101.0, within(0.001));
  }

  @Test
  void smallBinsMergeRareCategoriesShareOtherAndConstantsHaveNoBins() {
    List<Object> skewed = new ArrayList<>();
    for (int i = 0; i < 95; i++) {
      skewed.add(0.0);
    }
    for (int i = 0; i < 5; i++) {
      skewed.add(1.0);
    }
    assertThat(Binning.build("skewed", skewed, 5, 10)).isEmpty(); // the 5 ones merge away

    List<Object> categories = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      categories.add(i % 2 == 0 ? "a" : "b");
    }
    categories.add("rare");
    BinnedFactor factor = Binning.build("c", categories, 5, 10).orElseThrow();
    assertThat(factor.bins())
        .extracting(BinnedFactor.Bin::label)
        .containsExactly("a", "b", "other");
    assertThat(factor.binOf("never seen")).isEqualTo(2);

    assertThat(Binning.build("constant", List.of("x", "x", "x"), 5, 1)).isEmpty();
    assertThat(Binning.build("nothing", Arrays.asList(null, null), 5, 1)).isEmpty();
  }

  @Test
  void logisticFitRecoversKnownLogOdds() {
    // one factor with two bins: churn rates 20 % and 80 % -> log-odds -1.386 and +1.386
    int[][] rows = new int[1000][];
    boolean[] churned = new boolean[1000];
    for (int i = 0; i < 1000; i++) {
      boolean high = i >= 500;
      rows[i] = new int[] {high ? 1 : 0};
      churned[i] = high ? i % 5 != 0 : i % 5 == 0;
    }
    LogisticRegression.Fit fit = LogisticRegression.fit(rows, churned, 2, 1e-6);
    assertThat(fit.logit(new int[] {0})).isCloseTo(Math.log(0.2 / 0.8), within(0.01));
    assertThat(fit.logit(new int[] {1})).isCloseTo(Math.log(0.8 / 0.2), within(0.01));
    LogisticRegression.Fit shrunk = LogisticRegression.fit(rows, churned, 2, 500);
    assertThat(Math.abs(shrunk.weights()[1] - shrunk.weights()[0]))
        .isLessThan(fit.weights()[1] - fit.weights()[0]);
  }

  @Test
  void calibrationFindsTheRiskyCategoryIgnoresConstantsAndScalesPoints() {
    Random random = new Random(3);
    Map<String, Double> churnRate = Map.of("low", 0.1, "mid", 0.5, "high", 0.9);
    List<Calibrator.Example> examples = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String risk = List.of("low", "mid", "high").get(i % 3);
      Map<String, Object> features = new HashMap<>();
      features.put("risk", risk);
      features.put("noise", random.nextDouble());
      features.put("same_for_all", "x");
      features.put("nps", null);
      examples.add(
          new Calibrator.Example("A" + i, features, random.nextDouble() < churnRate.get(risk)));
    }
    Calibrator.Result result = Calibrator.calibrate(examples, SETTINGS);
    Calibrator.Metrics m = result.metrics();
    assertThat(m.trainRows()).isBetween(2099, 2101); // 70 % of each outcome, rounded
    assertThat(m.trainRows() + m.holdoutRows()).isEqualTo(3000);
    assertThat(m.factorsWithoutVariance()).containsExactlyInAnyOrder("same_for_all", "nps");
    // the best possible ranking uses only the risk category: for these rates its AUC is
    // P(churner ranked above stayer) + half the ties = 0.76 + 0.0956 = 0.8556
    assertThat(m.holdoutAuc()).isCloseTo(0.8556, within(0.03));
    // plain logistic regression on the raw values sees the same information here
    assertThat(m.referenceHoldoutAuc()).isCloseTo(m.holdoutAuc(), within(0.01));

    BinnedFactor risk =
        result.scorecard().factors().stream()
            .filter(f -> f.name().equals("risk"))
            .findFirst()
            .orElseThrow();
    Map<String, Integer> points = new HashMap<>();
    Map<String, Double> weights = new HashMap<>();
    risk.bins()
        .forEach(
            b -> {
              points.put(b.label(), b.points());
              weights.put(b.label(), b.weight());
            });
    assertThat(points.get("low")).isGreaterThan(points.get("mid"));
    assertThat(points.get("mid")).isGreaterThan(points.get("high"));
    // log-odds between 10 % and 90 % churn is 4.39: 63 points at 10 points per doubling
    assertThat(weights.get("high") - weights.get("low")).isCloseTo(4.39, within(0.5));
    assertThat(points.get("low") - points.get("high")).isBetween(55, 71);

    Scorecard.Scored safe = result.scorecard().score(Map.of("risk", "low", "noise", 0.5));
    Scorecard.Scored risky = result.scorecard().score(Map.of("risk", "high", "noise", 0.5));
    assertThat(safe.churnProbability()).isCloseTo(0.1, within(0.05));
    assertThat(risky.churnProbability()).isCloseTo(0.9, within(0.05));
    int safeHealth = safe.contributions().stream().mapToInt(Contribution::points).sum();
    assertThat((double) safeHealth).isCloseTo(result.scorecard().health(safe.logit()), within(2.0));
    assertThat(result.scorecard().health(0)).isEqualTo(40); // even odds
  }

  @Test
  void calibrationRefusesBooksWithoutBothOutcomes() {
    List<Calibrator.Example> allRetained = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      allRetained.add(new Calibrator.Example("A" + i, Map.of("x", (double) i), false));
    }
    assertThatThrownBy(() -> Calibrator.calibrate(allRetained, SETTINGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 churned");
  }
}
