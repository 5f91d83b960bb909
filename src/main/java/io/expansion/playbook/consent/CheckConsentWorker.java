package io.expansion.playbook.consent;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * orchestrate: which channels may carry the next touch of any play, under the one contact policy
 * (consent, suppression, offer cooldown, frequency caps, quiet hours). The expansion journey asks
 * for an offer touch (no {@code touchRequest}); other plays pass a {@code touchRequest}. The
 * decision is recorded either way; when no channel may be used, no touch is made.
 */
@Component
public class CheckConsentWorker {

  public static final String TYPE = "check-consent";

  private final TouchGate gate;
  private final DecisionLog decisions;
  private final JourneyService journeys;

  CheckConsentWorker(TouchGate gate, DecisionLog decisions, JourneyService journeys) {
    this.gate = gate;
    this.decisions = decisions;
    this.journeys = journeys;
  }

  public record Output(ConsentDecision consent) {}

  @JobWorker(type = TYPE)
  public Output check(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable String play,
      @Variable TouchRequest touchRequest) {
    journeys.reached(job);
    TouchIntent intent =
        touchRequest != null ? touchRequest.intent() : TouchIntent.expansionOffer();
    ConsentDecision consent = gate.check(accountId, intent);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("play", play == null ? SendTouchWorker.EXPANSION : play);
    inputs.put("purpose", intent.purpose());
    inputs.put("contactId", consent.contactId());
    inputs.put("blockedBy", consent.blockedBy());
    inputs.put("blocked", consent.blocked());
    inputs.put("deferredUntil", consent.deferredUntil());
    String key =
        touchRequest != null
            ? journeyId + ":" + touchRequest.key() + ":consent"
            : journeyId + ":" + loop + ":consent";
    decisions.record(
        key,
        accountId,
        journeyId,
        "contact-policy",
        !consent.allowed()
            ? "no-touch"
            : (consent.deferredUntil() != null ? "deferred " : "allowed ")
                + consent.allowedChannels(),
        consent.reason(),
        inputs);
    return new Output(consent);
  }
}
