package io.expansion.playbook.consent;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.offers.GuardrailPolicy;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * orchestrate: which channels may carry a touch — opt-in per channel of the primary contact and the
 * account's frequency cap across all its journeys. When none may, the reason is recorded and no
 * touch is made.
 */
@Component
public class CheckConsentWorker {

  static final String TYPE = "check-consent";

  private final Contacts contacts;
  private final Touches touches;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final Clock clock;

  CheckConsentWorker(
      Contacts contacts,
      Touches touches,
      DecisionLog decisions,
      JourneyService journeys,
      Clock clock) {
    this.contacts = contacts;
    this.touches = touches;
    this.decisions = decisions;
    this.journeys = journeys;
    this.clock = clock;
  }

  public record Output(ConsentDecision consent) {}

  @JobWorker(type = TYPE)
  public Output check(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable GuardrailPolicy guardrails) {
    journeys.reached(job);
    OffsetDateTime now = OffsetDateTime.now(clock);
    var contact = contacts.primaryContact(accountId);
    int recent = touches.countSince(accountId, now.minusDays(guardrails.touchWindowDays()));
    ConsentDecision consent =
        ConsentPolicy.evaluate(
            contact.map(Contact::id).orElse(null),
            contact.map(c -> contacts.consents(c.id())).orElse(Map.of()),
            recent,
            guardrails.maxTouches(),
            guardrails.touchWindowDays());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("contactId", consent.contactId());
    inputs.put("touchesInWindow", recent);
    inputs.put("maxTouches", guardrails.maxTouches());
    inputs.put("windowDays", guardrails.touchWindowDays());
    inputs.put("blocked", consent.blocked());
    decisions.record(
        journeyId + ":" + loop + ":consent",
        accountId,
        journeyId,
        "contact-policy",
        consent.allowedChannels().isEmpty() ? "no-touch" : "allowed " + consent.allowedChannels(),
        consent.reason(),
        inputs);
    return new Output(consent);
  }
}
