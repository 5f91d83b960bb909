package io.expansion.playbook.plays;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;

/** Business keys for what a play step does: unique per journey, element and round. */
final class StepKey {

  private StepKey() {}

  /** {@code journey:element:round}, where round is the play's round or the loop's count. */
  static String of(ActivatedJob job, String journeyId) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Object round = variables.getOrDefault("round", variables.getOrDefault("loop", 0));
    return journeyId + ":" + job.getElementId() + ":" + round;
  }
}
