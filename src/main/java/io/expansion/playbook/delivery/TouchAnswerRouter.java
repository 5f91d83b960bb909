package io.expansion.playbook.delivery;

import io.expansion.playbook.consent.ConsentRegistry;
import io.expansion.playbook.consent.ConsentRegistry.ChangeRequest;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.signals.SignalRouter;
import io.expansion.playbook.signals.SignalType;
import io.expansion.playbook.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routes the answer signals ({@code touch_opened}, {@code touch_clicked}, {@code offer_accepted},
 * {@code offer_declined}, {@code unsubscribed}) to the message they answer instead of the account's
 * journey: the answer is recorded on the message and as a decision row, {@code unsubscribed} opts
 * the contact out of the message's channel (source {@code unsubscribe-link}), and an answer that
 * ends the wait is published to the expansion journey waiting for the touch (message {@code
 * touch-answered}, correlated by the touch).
 */
@Component
class TouchAnswerRouter implements SignalRouter {

  static final String MESSAGE = ExpansionJourney.TOUCH_ANSWER_MESSAGE;
  static final String ROUTING = "TOUCH_ANSWER";
  static final String RULE = "touch-answer";
  static final String UNSUBSCRIBE_SOURCE = "unsubscribe-link";

  private final OutboxMessages messages;
  private final JourneyService journeys;
  private final ConsentRegistry consent;
  private final DecisionLog decisions;
  private final TouchAnswerProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;

  TouchAnswerRouter(
      OutboxMessages messages,
      JourneyService journeys,
      ConsentRegistry consent,
      DecisionLog decisions,
      TouchAnswerProperties properties,
      TransactionTemplate transaction,
      Clock clock) {
    this.messages = messages;
    this.journeys = journeys;
    this.consent = consent;
    this.decisions = decisions;
    this.properties = properties;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** The correlation key of the journey waiting for the answer to a touch. */
  static String correlationKey(long touchId) {
    return "touch-" + touchId;
  }

  @Override
  public boolean routes(SignalType type) {
    return type.answersTouch();
  }

  @Override
  public void check(String accountId, SignalType type, Map<String, Object> attributes) {
    AnswerRules.checkApplies(message(accountId, attributes), Answer.of(type));
  }

  @Override
  public JourneyService.Routing route(
      String accountId,
      long signalId,
      SignalType type,
      Map<String, Object> attributes,
      OffsetDateTime occurredAt) {
    Answer answer = Answer.of(type);
    String source = attributes.getOrDefault("source", "api").toString();
    return transaction.execute(
        status -> {
          String messageId = message(accountId, attributes).messageId();
          messages.lockForAnswer(messageId);
          OutboxMessage m = messages.byMessageId(messageId).orElseThrow();
          AnswerRules.checkApplies(m, answer);
          OffsetDateTime now = OffsetDateTime.now(clock);
          boolean first =
              messages.recordEvent(
                  messageId, answer.code, answer.after(m.engagement()), source, signalId, now);
          if (answer == Answer.UNSUBSCRIBED) {
            consent.change(
                m.contactId(),
                new ChangeRequest(
                    m.channel(), false, UNSUBSCRIBE_SOURCE, "unsubscribe:" + messageId));
          }
          String effect = first ? publish(m, answer, signalId, now) : "already recorded";
          record(m, answer, source, signalId, attributes.get("reason"), effect);
          return new JourneyService.Routing(ROUTING, m.journeyId());
        });
  }

  /** Hands the answer to the journey waiting for it; says what it did, for the decision row. */
  private String publish(OutboxMessage m, Answer answer, long signalId, OffsetDateTime now) {
    if (!answer.endsTheWait) {
      return "recorded";
    }
    if (!"expansion".equals(m.play())) {
      return "recorded (the " + m.play() + " play does not wait for answers)";
    }
    Duration left = Duration.between(now, AnswerRules.windowClosesAt(m, properties.answerWithin()));
    if (left.isNegative() || left.isZero()) {
      return "recorded after the answer window closed";
    }
    Map<String, Object> touchAnswer = new LinkedHashMap<>();
    touchAnswer.put("type", answer.code);
    touchAnswer.put("messageId", m.messageId());
    touchAnswer.put("touchId", m.touchId());
    touchAnswer.put("signalId", signalId);
    touchAnswer.put("at", now.toString());
    journeys.publish(
        MESSAGE,
        correlationKey(m.touchId()),
        "answer-" + m.messageId() + "-" + answer.code,
        Map.of("touchAnswer", touchAnswer),
        left);
    return "handed to the journey";
  }

  private void record(
      OutboxMessage m, Answer answer, String source, long signalId, Object reason, String effect) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("messageId", m.messageId());
    inputs.put("touchId", m.touchId());
    inputs.put("channel", m.channel());
    inputs.put("offer", m.offerCode());
    inputs.put("contactId", m.contactId());
    inputs.put("source", source);
    inputs.put("signalId", signalId);
    inputs.put("reason", reason);
    decisions.record(
        RULE + ":" + m.messageId() + ":" + answer.code,
        m.accountId(),
        m.journeyId(),
        RULE,
        answer.code,
        "Answer '"
            + answer.code
            + "' to the "
            + m.channel()
            + " message '"
            + m.subject()
            + "' (source "
            + source
            + (reason == null ? "" : ", reason: " + reason)
            + "): "
            + effect,
        inputs);
  }

  /** The message the answer names, when it is the account's (and the contact's, when named). */
  private OutboxMessage message(String accountId, Map<String, Object> attributes) {
    String messageId = String.valueOf(attributes.get("messageId"));
    return messages
        .byMessageId(messageId)
        .filter(found -> found.accountId().equals(accountId))
        .filter(
            found ->
                attributes.get("contactId") == null
                    || attributes.get("contactId").toString().equals(found.contactId()))
        .orElseThrow(() -> ApiException.notFound("Unknown message '" + messageId + "'"));
  }
}
