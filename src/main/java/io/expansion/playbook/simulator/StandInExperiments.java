package io.expansion.playbook.simulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulator's own experiment until the experiments package is merged (see {@link
 * ExperimentSeam}): accounts are held out when their bucket under {@code global-holdout} falls
 * below the holdout share, the others split control / variant by their bucket under the
 * experiment's key; results compare the arms' expansion MRR per account from the revenue ledger
 * (Welch, {@link ArmComparison}).
 */
class StandInExperiments implements ExperimentSeam {

  private final JdbcClient jdbc;
  private final double holdoutShare;
  private final Map<String, SimulationProperties.Experiment> running = new HashMap<>();
  private LocalDate from;
  private LocalDate to;

  StandInExperiments(JdbcClient jdbc, double holdoutShare) {
    this.jdbc = jdbc;
    this.holdoutShare = holdoutShare;
  }

  @Override
  public synchronized void start(
      SimulationProperties.Experiment experiment, LocalDate from, LocalDate to) {
    running.put(experiment.key(), experiment);
    this.from = from;
    this.to = to;
  }

  @Override
  public synchronized String arm(String experimentKey, String accountId) {
    SimulationProperties.Experiment experiment = running.get(experimentKey);
    if (experiment == null || heldOut(accountId)) {
      return null;
    }
    return Buckets.bucket(experimentKey, accountId) < experiment.variantShare() * Buckets.BUCKETS
        ? VARIANT
        : CONTROL;
  }

  @Override
  public boolean heldOut(String accountId) {
    return Buckets.bucket("global-holdout", accountId) < holdoutShare * Buckets.BUCKETS;
  }

  @Override
  public synchronized Map<String, Object> results(String experimentKey, List<String> accountIds) {
    Map<String, Double> expansion = new HashMap<>();
    jdbc.sql(
            """
            SELECT account_id, SUM(amount) AS amount FROM revenue_movements
            WHERE type = 'expansion' AND effective_date BETWEEN :from AND :to
            GROUP BY account_id""")
        .param("from", from)
        .param("to", to)
        .query(
            (rs, n) ->
                expansion.put(rs.getString("account_id"), rs.getBigDecimal("amount").doubleValue()))
        .list();
    ArmComparison.Sample control = new ArmComparison.Sample();
    ArmComparison.Sample variant = new ArmComparison.Sample();
    for (String id : accountIds) {
      String arm = arm(experimentKey, id);
      if (arm != null) {
        (VARIANT.equals(arm) ? variant : control).add(expansion.getOrDefault(id, 0.0));
      }
    }
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("key", experimentKey);
    results.put("source", "simulator stand-in (experiments package not wired)");
    results.put("metric", "expansion MRR per account, " + from + ".." + to);
    results.put("arms", Map.of(CONTROL, control.summary(), VARIANT, variant.summary()));
    results.put("difference", ArmComparison.welch(variant, control));
    results.put("relativeLift", ArmComparison.relativeLift(variant, control));
    return results;
  }

  static BigDecimal round(double value) {
    return BigDecimal.valueOf(value).setScale(4, java.math.RoundingMode.HALF_UP);
  }
}
