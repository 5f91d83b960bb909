package io.expansion.playbook.scoring;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
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

  private final Accounts accounts;
  private final Signals signals;
  private final HealthScores healthScores;
  private final ModelRegistry registry;
  private final ScoringProperties properties;
  private final DecisionLog decisions;
  private final Clock clock;

  public Calibrations(
      Accounts accounts,
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

  /** A stored calibration. */
  public record Calibrated(
      String version, boolean active, Calibrator.Metrics metrics, Scorecard scorecard) {}

  /**
   * Fits, stores and optionally activates a new version.
   *
   * @throws IllegalArgumentException when the accounts with an outcome cannot support a fit
   */
  public Calibrated calibrate(boolean activate) {
    long started = System.nanoTime();
    List<Calibrator.Example> examples = examples();
    var c = properties.calibration();
    Calibrator.Result result =
        Calibrator.calibrate(
            examples,
            new Calibrator.Settings(
                c.seed(),
                c.holdoutShare(),
                c.l2(),
                c.maxBins(),
                c.minBinCount(),
                c.healthAtEvenOdds(),
                c.pointsToDoubleOdds()));
    ScoringModels.Row row = registry.saveCalibration(result, activate);
    Calibrator.Metrics m = result.metrics();
    LOG.info(
        "Calibration {} in {} ms: {} accounts ({} train / {} hold-out, churn rate {}),"
            + " hold-out ROC AUC {} (train {}), {} factors{}",
        row.version(),
        (System.nanoTime() - started) / 1_000_000,
        m.rows(),
        m.trainRows(),
        m.holdoutRows(),
        m.churnRate(),
        m.holdoutAuc(),
        m.trainAuc(),
        m.factors().size(),
        activate ? ", activated" : "");
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("version", row.version());
    inputs.put("activated", row.active());
    inputs.put("rows", m.rows());
    inputs.put("holdoutAuc", m.holdoutAuc());
    inputs.put("referenceHoldoutAuc", m.referenceHoldoutAuc());
    decisions.record(
        "calibration:" + row.version(),
        null,
        null,
        "calibration",
        row.active() ? "calibrated and activated " + row.version() : "calibrated " + row.version(),
        "Score card "
            + row.version()
            + " fitted on "
            + m.rows()
            + " accounts with a known outcome: hold-out ROC AUC "
            + m.holdoutAuc()
            + (row.active() ? "; active for later scorings" : "; not activated"),
        inputs);
    return new Calibrated(row.version(), row.active(), m, result.scorecard());
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
