package io.expansion.playbook.simulator;

import io.expansion.playbook.web.ApiException;
import java.util.ArrayList;
import java.util.List;

/** A validated run: days, seed, share of the book and the one or two settings compared. */
record SimulationPlan(int days, long seed, double accountShare, List<String> settings) {

  static final double DEFAULT_SHARE = 0.05;
  static final long DEFAULT_SEED = 1;

  /**
   * @throws ApiException 400 naming the problem: days missing, ≤ 0 or above the maximum, a share
   *     outside (0, 1], an unknown setting, more than two settings or one twice
   */
  static SimulationPlan of(SimulationRequest request, SimulationProperties properties) {
    if (request == null || request.days() == null) {
      throw ApiException.badRequest("Field 'days' is required (1.." + properties.maxDays() + ")");
    }
    int days = request.days();
    if (days <= 0 || days > properties.maxDays()) {
      throw ApiException.badRequest(
          "Field 'days' must be between 1 and " + properties.maxDays() + ", not " + days);
    }
    double share = request.accountShare() == null ? DEFAULT_SHARE : request.accountShare();
    if (!(share > 0 && share <= 1)) {
      throw ApiException.badRequest(
          "Field 'accountShare' must be above 0 and at most 1, not " + share);
    }
    List<String> settings =
        request.settings() == null || request.settings().isEmpty()
            ? List.of(SimulationProperties.BASELINE)
            : new ArrayList<>(request.settings());
    if (settings.size() > 2) {
      throw ApiException.badRequest(
          "Field 'settings' compares at most two settings, not " + settings.size());
    }
    for (String setting : settings) {
      if (setting == null || !properties.knows(setting)) {
        throw ApiException.badRequest(
            "Unknown setting '" + setting + "'; expected one of " + known(properties));
      }
    }
    if (settings.size() == 2 && settings.get(0).equals(settings.get(1))) {
      throw ApiException.badRequest("Setting '" + settings.get(0) + "' is named twice");
    }
    long seed = request.seed() == null ? DEFAULT_SEED : request.seed();
    return new SimulationPlan(days, seed, share, List.copyOf(settings));
  }

  private static List<String> known(SimulationProperties properties) {
    List<String> names = new ArrayList<>();
    names.add(SimulationProperties.BASELINE);
    properties.settings().keySet().stream().sorted().forEach(names::add);
    return names;
  }
}
