package io.expansion.playbook.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an experiment's result recovers the effect the simulator planted: the variant's customers
 * accept (1 + effect) times as often, so the variant's expansion MRR per account should be about (1
 * + effect) times the control's — the expected difference is effect × the control's mean, and it
 * should lie within the result's 95 % interval of the difference (CUPED).
 */
final class PlantedEffect {

  private PlantedEffect() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> check(Map<String, Object> results, double effect) {
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("experiment", results.get("key"));
    check.put("arm", ExperimentSeam.VARIANT);
    check.put("plantedEffect", effect);
    Double controlMean = null;
    for (Map<String, Object> arm : (List<Map<String, Object>>) results.get("arms")) {
      if (Boolean.TRUE.equals(arm.get("control"))) {
        controlMean = number(arm.get("meanExpansionMrr"));
      }
    }
    Map<String, Object> difference = null;
    Map<String, Object> primary = (Map<String, Object>) results.get("primary");
    for (Map<String, Object> c : (List<Map<String, Object>>) primary.get("comparisons")) {
      if (ExperimentSeam.VARIANT.equals(c.get("arm"))) {
        difference = (Map<String, Object>) c.get("difference");
      }
    }
    if (controlMean == null || controlMean == 0 || difference == null) {
      check.put("recovered", null);
      check.put("reason", "no control mean or no difference yet");
      return check;
    }
    double expected = effect * controlMean;
    double estimate = number(difference.get("estimate"));
    double lower = number(difference.get("lower"));
    double upper = number(difference.get("upper"));
    check.put("controlMeanExpansionMrr", round(controlMean));
    check.put("expectedDifference", round(expected));
    check.put("difference", round(estimate));
    check.put("interval", List.of(round(lower), round(upper)));
    check.put("observedLift", round(estimate / controlMean));
    check.put("recovered", lower <= expected && expected <= upper);
    return check;
  }

  private static double number(Object value) {
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
