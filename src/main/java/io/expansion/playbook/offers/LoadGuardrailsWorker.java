package io.expansion.playbook.offers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.util.Map;
import org.springframework.stereotype.Component;

/** align: loads the active guardrails into the journey, so every later step applies the same. */
@Component
public class LoadGuardrailsWorker {

  static final String TYPE = "load-guardrails";

  private final Guardrails guardrails;
  private final DecisionLog decisions;
  private final JourneyService journeys;

  LoadGuardrailsWorker(Guardrails guardrails, DecisionLog decisions, JourneyService journeys) {
    this.guardrails = guardrails;
    this.decisions = decisions;
    this.journeys = journeys;
  }

  public record Output(GuardrailPolicy guardrails) {}

  @JobWorker(type = TYPE)
  public Output load(ActivatedJob job, @Variable String accountId, @Variable String journeyId) {
    journeys.reached(job);
    GuardrailPolicy policy = guardrails.active();
    decisions.record(
        journeyId + ":guardrails",
        accountId,
        journeyId,
        "guardrails:v" + policy.version(),
        "loaded",
        "Guardrail policy v"
            + policy.version()
            + ": margin floor "
            + policy.marginFloor()
            + ", max discount "
            + policy.maxDiscount()
            + ", approval above "
            + policy.approvalThreshold()
            + ", cooldown "
            + policy.cooldownDays()
            + " days, at most "
            + policy.maxTouches()
            + " touches in "
            + policy.touchWindowDays()
            + " days",
        Map.of("version", policy.version()));
    return new Output(policy);
  }
}
