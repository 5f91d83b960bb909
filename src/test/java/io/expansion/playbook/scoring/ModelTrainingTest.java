package io.expansion.playbook.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Both model types on synthetic books whose answer is known: derived factors found where churn
 * depends on a sum and not where it does not, contributions that add up to the health, protected
 * attributes never used, and the same model from the same seed.
 */
class ModelTrainingTest {

  static final Calibrator.Settings SETTINGS = new Calibrator.Settings(42, 0.3, 1.0, 8, 30, 40, 10);
  static final GbtTrainer.Options GBT =
      new GbtTrainer.Options(
          List.of(2, 3),
          List.of(0.1),
          400,
          30,
          5,
          0.8,
          0.8,
          1.0,
          1,
          new Monotone(List.of("service_call", "support_case"), List.of("licence", "nps")));

  static ModelTraining.Options options(List<String> protectedAttributes) {
    return new ModelTraining.Options(SETTINGS, GBT, 4, true, 6, 0.001, 0.005, protectedAttributes);
  }

  /**
   * A phone book: day, eve and night charges, service calls and a region. {@code churn} decides the
   * outcome from the row's values and a uniform draw.
   */
  static List<Calibrator.Example> book(
      int size, long seed, Function<Map<String, Object>, Double> churn) {
    Random random = new Random(seed);
    List<Calibrator.Example> examples = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("tenure_months", (double) (1 + random.nextInt(72)));
      f.put("attributes.total_day_charge", Math.round(random.nextGaussian() * 9 + 30) / 1.0);
      f.put("attributes.total_eve_charge", Math.round(random.nextGaussian() * 4 + 17) / 1.0);
      f.put("attributes.total_night_charge", Math.round(random.nextGaussian() * 2 + 9) / 1.0);
      f.put("attributes.service_calls", (double) random.nextInt(5));
      f.put("attributes.region", List.of("north", "south", "east", "west").get(random.nextInt(4)));
      f.put("attributes.gender", random.nextBoolean() ? "f" : "m");
      examples.add(new Calibrator.Example("A" + i, f, random.nextDouble() < churn.apply(f)));
    }
    return examples;
  }

  static double total(Map<String, Object> f) {
    return (double) f.get("attributes.total_day_charge")
        + (double) f.get("attributes.total_eve_charge")
        + (double) f.get("attributes.total_night_charge");
  }

  /** Churn jumps once the total of the three charges passes 62 (a quarter of the accounts). */
  static double sumDriven(Map<String, Object> f) {
    return total(f) > 62 ? 0.75 : 0.08;
  }

  /** Churn follows the region and the service calls; the charges are noise. */
  static double notSumDriven(Map<String, Object> f) {
    double base = "south".equals(f.get("attributes.region")) ? 0.35 : 0.12;
    return Math.min(0.95, base + 0.08 * (double) f.get("attributes.service_calls"));
  }

  @Test
  void aSumOfThreeColumnsIsFoundNamedReadablyAndLiftsBothTypes() {
    List<Calibrator.Example> examples = book(3000, 1, ModelTrainingTest::sumDriven);
    String sum = "total charge = day + eve + night charge";
    for (String type : List.of(ModelTraining.SCORECARD, ModelTraining.GBT)) {
      Calibrator.Result result = ModelTraining.train(examples, options(List.of()), type);
      Calibrator.Metrics m = result.metrics();
      assertThat(m.modelType()).isEqualTo(type);
      assertThat(m.derivedFactors()).contains(sum);
      assertThat(m.factors()).contains("total charge");
      // without it, bins per column (or splits per column) cannot draw the step in the sum
      ModelTraining.Options without =
          new ModelTraining.Options(SETTINGS, GBT, 4, false, 0, 0.001, 0.005, List.of());
      Calibrator.Metrics plain = ModelTraining.train(examples, without, type).metrics();
      assertThat(plain.derivedFactors()).isEmpty();
      assertThat(m.holdoutAuc()).isGreaterThan(plain.holdoutAuc() + 0.005);
      assertThat(result.model().inputFactors())
          .contains("attributes.total_day_charge", "attributes.total_night_charge");
    }
  }

  @Test
  void noSumIsKeptWhereChurnDoesNotDependOnIt() {
    List<Calibrator.Example> examples = book(3000, 2, ModelTrainingTest::notSumDriven);
    for (String type : List.of(ModelTraining.SCORECARD, ModelTraining.GBT)) {
      Calibrator.Metrics m = ModelTraining.train(examples, options(List.of()), type).metrics();
      assertThat(m.derivedFactors()).noneMatch(d -> d.contains("charge"));
      assertThat(m.factors()).contains("attributes.region", "attributes.service_calls");
    }
  }

  @Test
  void contributionsPlusTheBaselineAddUpToTheHealthOfEveryHoldOutAccount() {
    List<Calibrator.Example> examples = book(2500, 3, ModelTrainingTest::sumDriven);
    Calibrator.Result result = ModelTraining.train(examples, options(List.of()), "gbt");
    GbtModel model = (GbtModel) result.model();
    Folds.Split split = Folds.holdout(Folds.labels(examples), SETTINGS.holdoutShare(), 42);
    assertThat(split.holdout()).hasSize(result.metrics().holdoutRows());
    for (int row : split.holdout()) {
      Scorecard.Scored scored = model.score(examples.get(row).features());
      assertThat(scored.contributions().get(0).factor()).isEqualTo(Scorecard.BASELINE);
      int sum = scored.contributions().stream().mapToInt(Contribution::points).sum();
      double exact = 40 - model.pointsPerLogit() * scored.logit();
      assertThat(sum).isEqualTo((int) Math.round(exact));
      assertThat(scored.churnProbability())
          .isCloseTo(
              LogisticRegression.sigmoid(scored.logit()),
              org.assertj.core.data.Offset.offset(1e-9));
    }
    // the calibrated probabilities are honest on the hold-out: mean predicted ≈ churn rate
    double predicted =
        split.holdout().stream()
            .mapToDouble(r -> model.score(examples.get(r).features()).churnProbability())
            .average()
            .orElseThrow();
    double observed =
        split.holdout().stream().filter(r -> examples.get(r).churned()).count()
            / (double) split.holdout().size();
    assertThat(predicted).isCloseTo(observed, org.assertj.core.data.Offset.offset(0.03));
  }

  @Test
  void protectedAttributesAreNeverUsedEvenWhenTheyPredictChurn() {
    // gender decides churn here; the model must not learn it, directly or through a pair
    List<Calibrator.Example> examples =
        book(2000, 4, f -> "f".equals(f.get("attributes.gender")) ? 0.9 : 0.1);
    for (String type : ModelTraining.TYPES) {
      Calibrator.Result result = ModelTraining.train(examples, options(List.of("gender")), type);
      Calibrator.Metrics m = result.metrics();
      assertThat(m.factors()).noneMatch(f -> f.contains("gender"));
      assertThat(m.factorsWithoutVariance()).noneMatch(f -> f.contains("gender"));
      assertThat(m.derivedFactors()).noneMatch(f -> f.contains("gender"));
      assertThat(result.model().inputFactors()).noneMatch(f -> f.contains("gender"));
      assertThat(m.holdoutAuc()).isLessThan(0.6); // nothing else predicts churn
      assertThat(m.protectedAttributes()).containsExactly("gender");
    }
  }

  @Test
  void theSameSeedReproducesTheModelAndAnotherSeedSplitsAnew() {
    List<Calibrator.Example> examples = book(2000, 5, ModelTrainingTest::sumDriven);
    Calibrator.Result first = ModelTraining.train(examples, options(List.of()), "auto");
    Calibrator.Result again = ModelTraining.train(examples, options(List.of()), "auto");
    assertThat(again.metrics()).isEqualTo(first.metrics());
    assertThat(again.artifact()).isEqualTo(first.artifact());
    Calibrator.Settings other = new Calibrator.Settings(7, 0.3, 1.0, 8, 30, 40, 10);
    Calibrator.Result reseeded =
        ModelTraining.train(
            examples,
            new ModelTraining.Options(other, GBT, 4, true, 6, 0.001, 0.005, List.of()),
            "auto");
    assertThat(reseeded.metrics().seed()).isEqualTo(7);
    assertThat(reseeded.metrics().holdoutAuc()).isNotEqualTo(first.metrics().holdoutAuc());
  }

  @Test
  void autoKeepsTheTypeWithTheBetterCrossValidatedAuc() {
    Calibrator.Metrics m =
        ModelTraining.train(book(3000, 6, ModelTrainingTest::sumDriven), options(List.of()), "auto")
            .metrics();
    assertThat(m.requestedType()).isEqualTo("auto");
    assertThat(m.cvAuc()).containsKeys("scorecard", "gbt");
    String better =
        m.cvAuc().get("gbt") >= m.cvAuc().get("scorecard") + 0.005 ? "gbt" : "scorecard";
    assertThat(m.modelType()).isEqualTo(better);
    assertThatThrownBy(() -> ModelTraining.train(book(100, 1, f -> 0.5), options(List.of()), "rf"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown model type 'rf'");
  }
}
