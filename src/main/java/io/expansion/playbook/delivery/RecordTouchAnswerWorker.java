package io.expansion.playbook.delivery;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.delivery.OpenAnswerWindowWorker.AnswerWindow;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.offers.Catalog;
import io.expansion.playbook.offers.RankedOffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * orchestrate: decides where the customer's answer to an automated touch leads, and records it
 * (rule {@code answer-route}; a timeout is also recorded as the answer {@code no-answer}):
 *
 * <ul>
 *   <li>accepted, self-serve offer → {@code provision}: a quote at list price within the guardrails
 *       and provisioning, no CSM;
 *   <li>accepted (other offers) or clicked → {@code value-review} with the CSM;
 *   <li>declined → {@code cooldown} (the offer is recorded declined);
 *   <li>unsubscribed or no answer in time → {@code detect} (the offer ends without a response).
 * </ul>
 */
@Component
public class RecordTouchAnswerWorker {

  public static final String TYPE = "record-touch-answer";
  static final String RULE = "answer-route";

  private final Catalog catalog;
  private final DecisionLog decisions;
  private final JourneyService journeys;

  RecordTouchAnswerWorker(Catalog catalog, DecisionLog decisions, JourneyService journeys) {
    this.catalog = catalog;
    this.decisions = decisions;
    this.journeys = journeys;
  }

  @JobWorker(type = TYPE)
  public Map<String, Object> record(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable RankedOffer offer,
      @Variable AnswerWindow answerWindow,
      @Variable Map<String, Object> touchAnswer) {
    journeys.reached(job);
    String answer = touchAnswer == null ? "no-answer" : String.valueOf(touchAnswer.get("type"));
    boolean selfServe = offer != null && catalog.selfServe(offer.code());
    String route =
        switch (answer) {
          case "accepted" -> selfServe ? "provision" : "value-review";
          case "clicked" -> "value-review";
          case "declined" -> "cooldown";
          default -> "detect";
        };
    String offerName = offer == null ? "the offer" : offer.name();
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("answer", answer);
    inputs.put("offer", offer == null ? null : offer.code());
    inputs.put("selfServe", selfServe);
    inputs.put("messageId", answerWindow == null ? null : answerWindow.messageId());
    if (touchAnswer == null) {
      decisions.record(
          journeyId + ":" + loop + ":no-answer",
          accountId,
          journeyId,
          TouchAnswerRouter.RULE,
          "no-answer",
          "No answer to the touch for "
              + offerName
              + " by "
              + (answerWindow == null ? "the end of the window" : answerWindow.closesAt())
              + ": recorded, back to detect",
          inputs);
    }
    decisions.record(
        journeyId + ":" + loop + ":" + RULE,
        accountId,
        journeyId,
        RULE,
        route,
        rationale(answer, route, offerName),
        inputs);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("touchAnswer", Map.of("type", answer, "route", route, "selfServe", selfServe));
    if ("provision".equals(route)) {
      // A self-serve acceptance is at list price: an earlier loop's requested discount is void.
      output.put("requestedDiscountPct", 0);
    }
    return output;
  }

  private static String rationale(String answer, String route, String offerName) {
    return switch (route) {
      case "provision" ->
          "Customer accepted "
              + offerName
              + ", a self-serve offer: quote at list price within"
              + " the guardrails and provisioning, no CSM";
      case "value-review" ->
          "Customer "
              + answer
              + " "
              + offerName
              + ("accepted".equals(answer) ? " (not self-serve)" : "")
              + ": the CSM reviews the value with them";
      case "cooldown" -> "Customer declined " + offerName + ": recorded, the cooldown starts";
      default ->
          ("unsubscribed".equals(answer) ? "Customer unsubscribed" : "No answer in time")
              + " to the touch for "
              + offerName
              + ": the offer ends without a response, back to detect";
    };
  }
}
