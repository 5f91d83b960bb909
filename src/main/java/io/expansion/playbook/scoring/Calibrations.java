package io.expansion.playbook.scoring;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.AccountPages;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.signals.Signals;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Calibration from outcomes: fits a score card on every account with a known outcome (any imported
 * book), stores it as a new version and reports its ROC AUC on the hold-out split.
 */
@Service
public class Calibrations {

  private static final Logger LOG = LoggerFactory.getLogger(Calibrations.class);

  private final AccountPages accounts;
  private final Signals signals;
  private final HealthScores healthScores;
  private final ModelRegistry registry;
  private final ScoringProperties properties;
  private final DecisionLog decisions;
  private final Clock clock;

  public Calibrations(
      AccountPages accounts,
      Signals signals,
      HealthScores healthScores,
      ModelRegistry registry,
      ScoringProperties properties,
      DecisionLog decisions,
      Clock clock) {
    this.accounts = accounts;
    this.signals = signals;
    this.healthScores = healthScores;
    this.registry = registry;
    this.properties = properties;
    this.decisions = decisions;
    this.clock = clock;
  }

  /** A stored calibration (the model as scoring loads it from the stored version). */
  public record Calibrated(
      String version,
      boolean active,
      Calibrator.Metrics metrics,
      FittedModel model,
      List<String> holdoutIds) {}

  /** Fits the configured type ({@code expansion.scoring.calibrate-type}). */
  public Calibrated calibrate(boolean activate) {
    return calibrate(properties.calibrateType(), activate);
  }

  /**
   * Fits, stores and optionally activates a new version.
   *
   * @param type {@code auto} (the type with the better cross-validated AUC), {@code scorecard} or
   *     {@code gbt}
   * @throws IllegalArgumentException for an unknown type, or when the accounts with an outcome
   *     cannot support a fit
   */
  public Calibrated calibrate(String type, boolean activate) {
    long started = System.nanoTime();
    if (!ModelTraining.TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "Unknown model type '"
              + type
              + "': expected one of "
              + String.join(", ", ModelTraining.TYPES));
    }
    Calibrator.Result result = ModelTraining.train(examples(), options(), type);
    ScoringModels.Row row = registry.saveCalibration(result, activate);
    Calibrator.Metrics m = result.metrics();
    LOG.info(
        "Calibration {} ({}, asked {}) in {} ms: {} accounts ({} train / {} hold-out, churn rate {}),"
            + " hold-out ROC AUC {} (train {}, CV {}), {} factors, derived {}{}",
        row.version(),
        m.modelType(),
        m.requestedType(),
        (System.nanoTime() - started) / 1_000_000,
        m.rows(),
        m.trainRows(),
        m.holdoutRows(),
        m.churnRate(),
        m.holdoutAuc(),
        m.trainAuc(),
        m.cvAuc(),
        m.factors().size(),
        m.derivedFactors(),
        activate ? ", activated" : "");
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("version", row.version());
    inputs.put("activated", row.active());
    inputs.put("rows", m.rows());
    inputs.put("holdoutAuc", m.holdoutAuc());
    inputs.put("referenceHoldoutAuc", m.referenceHoldoutAuc());
    inputs.put("modelType", m.modelType());
    decisions.record(
        "calibration:" + row.version(),
        null,
        null,
        "calibration",
        row.active() ? "calibrated and activated " + row.version() : "calibrated " + row.version(),
        m.modelType()
            + " model "
            + row.version()
            + " fitted on "
            + m.rows()
            + " accounts with a known outcome: hold-out ROC AUC "
            + m.holdoutAuc()
            + (row.active() ? "; active for later scorings" : "; not activated"),
        inputs);
    return new Calibrated(
        row.version(), row.active(), m, registry.model(row.version()), result.holdoutIds());
  }

  private ModelTraining.Options options() {
    var c = properties.calibration();
    var g = c.gbt();
    return new ModelTraining.Options(
        new Calibrator.Settings(
            c.seed(),
            c.holdoutShare(),
            c.l2(),
            c.maxBins(),
            c.minBinCount(),
            c.healthAtEvenOdds(),
            c.pointsToDoubleOdds()),
        new GbtTrainer.Options(
            g.depths(),
            g.learningRates(),
            g.maxRounds(),
            g.earlyStoppingRounds(),
            g.minChildWeight(),
            g.subsample(),
            g.columnSample(),
            g.lambda(),
            g.threads(),
            new Monotone(g.raisesRisk(), g.lowersRisk())),
        c.folds(),
        c.derivedFactors().enabled(),
        c.derivedFactors().candidates(),
        c.derivedFactors().minAucGain(),
        c.autoMargin(),
        c.protectedAttributes());
  }

  private List<Calibrator.Example> examples() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Account> known = accounts.withKnownOutcome();
    Map<String, Set<String>> products = accounts.productsByAccount();
    Set<String> universe = new TreeSet<>();
    known.forEach(a -> universe.addAll(products.getOrDefault(a.id(), Set.of())));
    Set<String> protectedNames =
        ProfileFeatures.normalised(properties.calibration().protectedAttributes());
    List<Calibrator.Example> examples = new ArrayList<>(known.size());
    for (Account account : known) {
      AccountSnapshot snapshot =
          new AccountSnapshot(
              account,
              healthScores.attributes(account),
              products.getOrDefault(account.id(), Set.of()),
              signals.since(account.id(), now.minus(properties.signalWindow())),
              now);
      examples.add(
          new Calibrator.Example(
              account.id(),
              ProfileFeatures.of(snapshot, protectedNames, universe),
              account.churned()));
    }
    return examples;
  }
}
