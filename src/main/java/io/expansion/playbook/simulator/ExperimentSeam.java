package io.expansion.playbook.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the simulator needs from experiments and the global holdout, and nothing more: the narrow
 * seam through which the experiments package (its ExperimentService and results) plugs in. Until a
 * bean of the experiments package implements it, {@link StandInExperiments} does: a hashed arm
 * assignment, a hashed holdout and Welch results computed from the revenue ledger.
 */
public interface ExperimentSeam {

  /** Creates the run's experiment in the simulation's database (once, before day 1). */
  void start(SimulationProperties.Experiment experiment, LocalDate from, LocalDate to);

  /** The account's arm in the experiment, or null when the account is not in it (held out). */
  String arm(String experimentKey, String accountId);

  /** Whether the global holdout keeps every automated touch from the account. */
  boolean heldOut(String accountId);

  /** The experiment's results, as {@code GET /api/experiments/{key}/results} gives them. */
  Map<String, Object> results(String experimentKey, List<String> accountIds);

  /** The arm whose customers carry the planted effect. */
  String VARIANT = "variant";

  /** The control arm. */
  String CONTROL = "control";
}
