package io.expansion.playbook.kpi;

import java.util.List;

/**
 * Which outcomes of the plays count as successes: the end events where a play reached its goal, and
 * an expansion loop whose offer was accepted.
 */
final class PlayOutcomes {

  /** End events of success: health recovered, usage recovered, onboarded, renewal on track. */
  static final List<String> SUCCESS_ENDS =
      List.of("End_Recovered", "End_WonBack", "End_Onboarded", "End_RenewalReady");

  /** The expansion loop's outcome (decision rule {@code outcome}) of success. */
  static final String ACCEPTED = "accepted";

  private PlayOutcomes() {}

  static boolean succeeded(String outcome) {
    return ACCEPTED.equals(outcome) || SUCCESS_ENDS.contains(outcome);
  }
}
