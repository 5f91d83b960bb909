package io.expansion.playbook.journeys;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.engine.ProcessModels;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Execution listener on every end event: closes the journey row (freeing the account for a new
 * journey) and records why it ended: the end event's name, as the ops designer wrote it.
 */
@Component
public class JourneyEndedWorker {

  static final String TYPE = "journey-ended";

  private final JourneyService journeys;
  private final DecisionLog decisions;
  private final ProcessModels models;

  JourneyEndedWorker(JourneyService journeys, DecisionLog decisions, ProcessModels models) {
    this.journeys = journeys;
    this.decisions = decisions;
    this.models = models;
  }

  @JobWorker(type = TYPE)
  public void ended(
      ActivatedJob job,
      @Variable(name = JourneyVariables.JOURNEY_ID) String journeyId,
      @Variable(name = JourneyVariables.ACCOUNT_ID) String accountId) {
    String reason =
        models
            .element(job.getBpmnProcessId(), job.getElementId())
            .map(ProcessModels.Element::name)
            .orElse(job.getElementId());
    // Both steps are idempotent on their own; the decision is written even when the journey was
    // already closed, so a worker that crashed between the two still leaves its decision row.
    journeys.ended(journeyId, job.getElementId(), reason);
    decisions.record(
        journeyId + ":end",
        accountId,
        journeyId,
        "journey-end",
        job.getElementId(),
        "Journey ended: " + reason,
        Map.of("element", job.getElementId()));
  }
}
