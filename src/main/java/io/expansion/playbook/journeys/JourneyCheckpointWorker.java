package io.expansion.playbook.journeys;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import org.springframework.stereotype.Component;

/**
 * Execution listener on wait states (waiting for a signal): stores the journey's step and variables
 * so the embedded engine can resume it there after a restart.
 */
@Component
public class JourneyCheckpointWorker {

  static final String TYPE = "journey-checkpoint";

  private final JourneyService journeys;

  JourneyCheckpointWorker(JourneyService journeys) {
    this.journeys = journeys;
  }

  @JobWorker(type = TYPE, fetchAllVariables = true)
  public void checkpoint(ActivatedJob job) {
    journeys.checkpoint(job);
  }
}
