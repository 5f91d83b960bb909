package io.expansion.playbook.delivery;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.consent.SendTouchWorker.TouchMade;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * orchestrate: after an automated (in-app or email) touch, opens the window in which the journey
 * waits for the customer's answer: from the message's delivery time (after quiet hours when it was
 * deferred) for {@code expansion.touches.answer-within}. The window depends on stored times only,
 * so a redelivered job opens the same one. Clears the previous loop's answer.
 */
@Component
public class OpenAnswerWindowWorker {

  public static final String TYPE = "open-answer-window";

  private final OutboxMessages messages;
  private final TouchAnswerProperties properties;
  private final DecisionLog decisions;
  private final JourneyService journeys;

  OpenAnswerWindowWorker(
      OutboxMessages messages,
      TouchAnswerProperties properties,
      DecisionLog decisions,
      JourneyService journeys) {
    this.messages = messages;
    this.properties = properties;
    this.decisions = decisions;
    this.journeys = journeys;
  }

  /**
   * @param correlationKey the key the answer message is correlated by
   * @param closesAt the timeout of the wait (ISO date-time)
   */
  public record AnswerWindow(
      long touchId, String messageId, String channel, String correlationKey, String closesAt) {}

  @JobWorker(type = TYPE)
  public Map<String, Object> open(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable TouchMade touch) {
    journeys.reached(job);
    if (touch == null || touch.id() == null) {
      throw new IllegalArgumentException("open-answer-window needs the touch made (touch.id)");
    }
    OutboxMessage m =
        messages
            .byTouch(touch.id())
            .orElseThrow(
                () -> new IllegalStateException("Touch " + touch.id() + " queued no message"));
    OffsetDateTime closesAt = AnswerRules.windowClosesAt(m, properties.answerWithin());
    AnswerWindow window =
        new AnswerWindow(
            touch.id(),
            m.messageId(),
            m.channel(),
            TouchAnswerRouter.correlationKey(touch.id()),
            closesAt.toInstant().toString());
    decisions.record(
        journeyId + ":" + loop + ":answer-window",
        accountId,
        journeyId,
        "answer-window",
        "awaiting",
        "Waits until "
            + window.closesAt()
            + " ("
            + properties.answerWithin()
            + " from delivery) for the answer to the "
            + m.channel()
            + " message '"
            + m.subject()
            + "'",
        Map.of("messageId", m.messageId(), "touchId", touch.id(), "closesAt", window.closesAt()));
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("answerWindow", window);
    output.put("touchAnswer", null);
    return output;
  }
}
