package io.expansion.playbook.delivery;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.consent.SendTouchWorker.TouchMade;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import io.expansion.playbook.journeys.JourneyService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * orchestrate: after an automated (in-app or email) touch, opens the window in which the journey
 * waits for the customer's answer: from the message's delivery time (after quiet hours when it was
 * deferred) for {@code expansion.touches.answer-within}. The window depends on stored times only,
 * so a redelivered job opens the same one. Clears the previous loop's answer.
 *
 * <p>The timeout is a date on the engine's clock. In production the engine's clock is the app's;
 * the embedded engine's may run ahead ({@code increaseTime}, tests only), so the window's end is
 * shifted by the difference and the wait lasts as long on either clock.
 */
@Component
public class OpenAnswerWindowWorker {

  public static final String TYPE = "open-answer-window";

  private final OutboxMessages messages;
  private final TouchAnswerProperties properties;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final ObjectProvider<EmbeddedZeebeEngine> embeddedEngine;
  private final Clock clock;

  OpenAnswerWindowWorker(
      OutboxMessages messages,
      TouchAnswerProperties properties,
      DecisionLog decisions,
      JourneyService journeys,
      ObjectProvider<EmbeddedZeebeEngine> embeddedEngine,
      Clock clock) {
    this.messages = messages;
    this.properties = properties;
    this.decisions = decisions;
    this.journeys = journeys;
    this.embeddedEngine = embeddedEngine;
    this.clock = clock;
  }

  /**
   * @param correlationKey the key the answer message is correlated by
   * @param closesAt the end of the window on the app's clock (ISO date-time)
   * @param timeoutAt the same moment on the engine's clock: the wait's timer
   */
  public record AnswerWindow(
      long touchId,
      String messageId,
      String channel,
      String correlationKey,
      String closesAt,
      String timeoutAt) {}

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
            closesAt.toInstant().toString(),
            closesAt.toInstant().plus(engineAhead()).toString());
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

  /** How far the engine's clock is ahead of the app's (zero but for a test engine moved on). */
  private Duration engineAhead() {
    EmbeddedZeebeEngine engine = embeddedEngine.getIfAvailable();
    if (engine == null) {
      return Duration.ZERO;
    }
    Instant appNow = clock.instant();
    Duration ahead = Duration.between(appNow, engine.currentTime());
    return ahead.abs().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ZERO : ahead;
  }
}
