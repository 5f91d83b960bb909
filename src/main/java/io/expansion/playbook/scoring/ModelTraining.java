package io.expansion.playbook.scoring;

import io.expansion.playbook.scoring.Calibrator.Example;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Calibration from outcomes, for both model types: drops protected attributes, splits the book
 * (stratified hold-out, seeded), proposes derived factors, and — on the training part only — keeps
 * a derived factor for a type when it raises that type's cross-validated AUC, tunes the boosted
 * trees, and, for {@code auto}, keeps the type with the better cross-validated AUC. The chosen type
 * is then fitted on the whole training part and measured on the hold-out, beside plain logistic
 * regression on the same split.
 */
final class ModelTraining {

  static final String SCORECARD = FittedModel.SCORECARD;
  static final String GBT = FittedModel.GBT;
  static final String AUTO = "auto";
  static final List<String> TYPES = List.of(AUTO, SCORECARD, GBT);

  private ModelTraining() {}

  /**
   * How to train.
   *
   * @param gbt how to grow boosted trees ({@code null}: score cards only)
   * @param folds cross-validation folds of the training part
   * @param deriveFactors whether to look for derived factors
   * @param maxCandidates derived factors tried by cross-validation (the best screened ones)
   * @param minAucGain cross-validated AUC a derived factor must add to be kept
   * @param autoMargin cross-validated AUC by which trees must beat the score card for {@code auto}
   * @param protectedAttributes never used, by any model or derived factor
   */
  record Options(
      Calibrator.Settings scorecard,
      GbtTrainer.Options gbt,
      int folds,
      boolean deriveFactors,
      int maxCandidates,
      double minAucGain,
      double autoMargin,
      List<String> protectedAttributes) {

    static Options scorecardOnly(Calibrator.Settings settings) {
      return new Options(settings, null, 4, false, 0, 0, 0, List.of());
    }
  }

  /** A type's derived factors and compared AUC (with the trees' settings for gbt). */
  private record Choice(String type, List<DerivedFactor> derived, double auc, GbtTrainer.Cv cv) {}

  /**
   * @param type {@code auto}, {@code scorecard} or {@code gbt}
   * @throws IllegalArgumentException for an unknown type or a book that cannot support a fit
   */
  static Calibrator.Result train(List<Example> raw, Options options, String type) {
    if (!TYPES.contains(type) || (options.gbt() == null && !SCORECARD.equals(type))) {
      throw new IllegalArgumentException(
          "Unknown model type '" + type + "': expected one of " + String.join(", ", TYPES));
    }
    Calibrator.requireBothOutcomes(raw);
    Calibrator.Settings s = options.scorecard();
    Set<String> protectedNames = ProfileFeatures.normalised(options.protectedAttributes());
    List<Example> examples = raw.stream().map(e -> withoutProtected(e, protectedNames)).toList();
    boolean[] churned = Folds.labels(examples);
    Folds.Split split = Folds.holdout(churned, s.holdoutShare(), s.seed());
    List<Folds.Fold> folds = Folds.kFold(split.train(), churned, options.folds(), s.seed());
    // settings are chosen on these folds; types are compared on a second set, nothing chosen there
    List<Folds.Fold> fresh = Folds.kFold(split.train(), churned, options.folds(), s.seed() + 1);
    List<Map<String, Object>> base = examples.stream().map(Example::features).toList();
    List<DerivedFactorSearch.Candidate> candidates =
        options.deriveFactors()
            ? DerivedFactorSearch.screen(
                examples, split.train(), signalFactors(), s, options.maxCandidates())
            : List.of();

    Map<String, Double> cvAuc = new LinkedHashMap<>();
    Choice card = null;
    Choice trees = null;
    if (!GBT.equals(type)) {
      List<DerivedFactor> derived =
          CrossValidation.select(
              candidates,
              options.minAucGain(),
              d -> CrossValidation.scorecard(CrossValidation.with(base, d), churned, folds, d, s));
      double auc =
          CrossValidation.scorecard(
              CrossValidation.with(base, derived), churned, fresh, derived, s);
      card = new Choice(SCORECARD, derived, auc, null);
      cvAuc.put(SCORECARD, Calibrator.round(auc));
    }
    if (!SCORECARD.equals(type)) {
      GbtTrainer.Options g = options.gbt();
      GbtTrainer.Cv tuned = GbtTrainer.tune(matrix(base, churned, split, s), folds, g, s.seed());
      List<DerivedFactor> derived =
          CrossValidation.select(
              candidates,
              options.minAucGain(),
              d ->
                  GbtTrainer.crossValidate(
                          matrix(CrossValidation.with(base, d), churned, split, s),
                          folds,
                          g,
                          tuned,
                          s.seed(),
                          false)
                      .auc());
      GbtMatrix matrix = matrix(CrossValidation.with(base, derived), churned, split, s);
      GbtTrainer.Cv cv = GbtTrainer.crossValidate(matrix, folds, g, tuned, s.seed(), true);
      double auc = GbtTrainer.validate(matrix, fresh, g, cv, s.seed());
      trees = new Choice(GBT, derived, auc, cv);
      cvAuc.put(GBT, Calibrator.round(auc));
    }
    Choice chosen =
        card == null || (trees != null && trees.auc() >= card.auc() + options.autoMargin())
            ? trees
            : card;
    return fitChosen(examples, base, churned, split, options, type, chosen, cvAuc);
  }

  private static Calibrator.Result fitChosen(
      List<Example> examples,
      List<Map<String, Object>> base,
      boolean[] churned,
      Folds.Split split,
      Options options,
      String requested,
      Choice chosen,
      Map<String, Double> cvAuc) {
    Calibrator.Settings s = options.scorecard();
    List<Map<String, Object>> features = CrossValidation.with(base, chosen.derived());
    FittedModel model;
    byte[] artifact = null;
    int iterations = 0;
    List<String> constant;
    GbtModel.Settings gbtSettings = null;
    if (SCORECARD.equals(chosen.type())) {
      Calibrator.Fitted fitted =
          Calibrator.fit(features, churned, split.train(), chosen.derived(), s);
      model = fitted.scorecard();
      iterations = fitted.iterations();
      constant = fitted.constant();
    } else {
      GbtTrainer.Options g = options.gbt();
      GbtMatrix matrix = matrix(features, churned, split, s);
      artifact = GbtTrainer.fit(matrix, split.train(), g, chosen.cv(), s.seed());
      double[] margins = new double[split.train().size()];
      boolean[] labels = new boolean[margins.length];
      for (int r = 0; r < margins.length; r++) {
        margins[r] = chosen.cv().margins()[split.train().get(r)];
        labels[r] = churned[split.train().get(r)];
      }
      Platt.Fit platt = Platt.fit(margins, labels);
      gbtSettings =
          new GbtModel.Settings(
              chosen.cv().maxDepth(),
              chosen.cv().learningRate(),
              chosen.cv().rounds(),
              g.minChildWeight(),
              g.subsample(),
              g.columnSample(),
              g.lambda(),
              g.earlyStoppingRounds(),
              g.threads(),
              s.seed(),
              g.monotone().of(matrix.columns()));
      GbtModel trees =
          new GbtModel(
              new GbtModel.Definition(
                  matrix.columns(),
                  chosen.derived(),
                  platt.slope(),
                  platt.intercept(),
                  s.healthAtEvenOdds(),
                  s.pointsToDoubleOdds(),
                  gbtSettings),
              artifact);
      model = trees;
      Set<String> used = trees.coveredFactors();
      constant = features.get(0).keySet().stream().filter(f -> !used.contains(f)).toList();
    }
    Function<List<Integer>, Double> auc =
        rows -> {
          List<Map<String, Object>> subset = rows.stream().map(base::get).toList();
          double[] logits =
              model instanceof GbtModel trees
                  ? trees.logits(subset)
                  : subset.stream().mapToDouble(f -> model.score(f).logit()).toArray();
          boolean[] labels = new boolean[rows.size()];
          for (int r = 0; r < labels.length; r++) {
            labels[r] = churned[rows.get(r)];
          }
          return RocAuc.of(logits, labels);
        };
    long positives = examples.stream().filter(Example::churned).count();
    Calibrator.Metrics metrics =
        new Calibrator.Metrics(
            examples.size(),
            split.train().size(),
            split.holdout().size(),
            Calibrator.round((double) positives / examples.size()),
            Calibrator.round(auc.apply(split.train())),
            Calibrator.round(auc.apply(split.holdout())),
            Calibrator.round(RawBaseline.holdoutAuc(examples, split.train(), split.holdout())),
            s.seed(),
            s.holdoutShare(),
            s.l2(),
            s.maxBins(),
            iterations,
            List.copyOf(model.coveredFactors()),
            List.copyOf(constant),
            chosen.type(),
            requested,
            Map.copyOf(cvAuc),
            options.folds(),
            chosen.derived().stream().map(DerivedFactor::description).toList(),
            gbtSettings,
            List.copyOf(options.protectedAttributes()));
    return new Calibrator.Result(
        model, metrics, artifact, split.holdout().stream().map(r -> examples.get(r).id()).toList());
  }

  private static GbtMatrix matrix(
      List<Map<String, Object>> features,
      boolean[] churned,
      Folds.Split split,
      Calibrator.Settings s) {
    return GbtMatrix.of(
        GbtMatrix.columns(features, split.train(), s.minBinCount()), features, churned);
  }

  /** The health factors fed by signals: never combined into derived factors. */
  private static Set<String> signalFactors() {
    return HealthFactors.NAMES.stream()
        .filter(n -> !HealthFactors.PROFILE.equals(HealthFactors.groupOf(n)))
        .collect(Collectors.toSet());
  }

  private static Example withoutProtected(Example example, Set<String> protectedNames) {
    Map<String, Object> kept = new LinkedHashMap<>();
    example
        .features()
        .forEach(
            (name, value) -> {
              if (!protectedNames.contains(
                  ProfileFeatures.normalise(DerivedFactor.readable(name)))) {
                kept.put(name, value);
              }
            });
    return new Example(example.id(), kept, example.churned());
  }
}
