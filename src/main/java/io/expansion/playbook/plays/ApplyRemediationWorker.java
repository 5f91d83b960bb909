package io.expansion.playbook.plays;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Records the remediation the CSM (or manager) chose for this round. An extended trial and a
 * feature recommendation also reach the customer as a service touch, through the contact policy.
 */
@Component
public class ApplyRemediationWorker {

  static final String TYPE = "apply-remediation";

  /** The remediations the form offers. */
  public static final List<String> ACTIONS =
      List.of("coaching-call", "extended-trial", "feature-recommendation");

  private final RemediationActions actions;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final Clock clock;

  ApplyRemediationWorker(
      RemediationActions actions, DecisionLog decisions, JourneyService journeys, Clock clock) {
    this.actions = actions;
    this.decisions = decisions;
    this.journeys = journeys;
    this.clock = clock;
  }

  public record Output(boolean remediationTouch, Map<String, Object> touchRequest) {}

  @JobWorker(type = TYPE)
  public Output apply(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable(name = Play.VARIABLE) String play,
      @Variable Integer round,
      @Variable String remediationAction,
      @Variable String remediationNotes,
      @Variable String recommendedFeature,
      @Variable Map<String, Object> escalation) {
    journeys.reached(job);
    if (!ACTIONS.contains(remediationAction)) {
      throw new IllegalStateException(
          "Unknown remediation '" + remediationAction + "'; expected one of " + ACTIONS);
    }
    String decidedBy = escalation == null ? "owner CSM" : String.valueOf(escalation.get("to"));
    String key = journeyId + ":" + round + ":remediation";
    actions.insert(
        key,
        accountId,
        journeyId,
        play,
        remediationAction,
        remediationNotes,
        decidedBy,
        OffsetDateTime.now(clock));
    Map<String, Object> touch = touchFor(remediationAction, recommendedFeature, round);
    decisions.record(
        key,
        accountId,
        journeyId,
        "remediation",
        remediationAction,
        "Round "
            + round
            + ": "
            + remediationAction
            + " chosen by "
            + decidedBy
            + (touch == null ? "; the CSM runs it" : "; the customer is told through a touch"),
        Map.of("round", round, "notes", String.valueOf(remediationNotes)));
    return new Output(touch != null, touch);
  }

  private static Map<String, Object> touchFor(String action, String feature, int round) {
    if ("coaching-call".equals(action)) {
      return null;
    }
    Map<String, Object> touch = new LinkedHashMap<>();
    touch.put("key", "remediation-" + round);
    touch.put("purpose", "service");
    touch.put("channels", List.of("email", "in_app"));
    if ("extended-trial".equals(action)) {
      touch.put("subject", "Your trial has been extended");
      touch.put(
          "body",
          "We extended your trial so your team has time to get full value. Your customer success"
              + " manager will check in on how it goes.");
    } else {
      String what =
          feature == null || feature.isBlank() ? "a feature that fits your usage" : feature;
      touch.put("subject", "A feature that can help your team: " + what);
      touch.put(
          "body",
          "Based on how your team works, we recommend " + what + ". Here is how to get started.");
    }
    return touch;
  }
}
