package io.expansion.playbook.plays;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A play's CSM task ran past its SLA: the CSM's manager takes it over; the escalation is logged.
 */
@Component
public class EscalatePlayWorker {

  static final String TYPE = "escalate-play";
  static final String MANAGERS = "csm-managers";

  private final DecisionLog decisions;
  private final JourneyService journeys;

  EscalatePlayWorker(DecisionLog decisions, JourneyService journeys) {
    this.decisions = decisions;
    this.journeys = journeys;
  }

  /** Who the task went to, and why. */
  public record Escalation(String to, String reason) {}

  public record Output(Escalation escalation) {}

  @JobWorker(type = TYPE)
  public Output escalate(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable(name = Play.VARIABLE) String play,
      @Variable String ownerCsm,
      @Variable String escalationReason) {
    journeys.reached(job);
    String reason = escalationReason + "; " + ownerCsm + "'s manager (" + MANAGERS + ") takes over";
    decisions.record(
        StepKey.of(job, journeyId) + ":escalation",
        accountId,
        journeyId,
        "escalation",
        MANAGERS,
        reason,
        Map.of("play", play, "ownerCsm", ownerCsm));
    return new Output(new Escalation(MANAGERS, reason));
  }
}
