package io.expansion.playbook.delivery;

import io.expansion.playbook.consent.ConsentRegistry;
import io.expansion.playbook.consent.ContactPolicy;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.signals.SignalService;
import io.expansion.playbook.signals.SignalService.Accepted;
import io.expansion.playbook.signals.SignalService.SignalRequest;
import io.expansion.playbook.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers that come back from the customer's product (in-app events) and from the unsubscribe link.
 * Each becomes an answer signal (once per message and kind: the idempotency key is the message and
 * the event), which {@link TouchAnswerRouter} records and hands to the journey; a dismissal is
 * recorded on the message only.
 */
@Service
public class TouchAnswers {

  /** In-app event types, as the product reports them. */
  static final Map<String, Answer> IN_APP_EVENTS =
      Map.of(
          "shown", Answer.OPENED,
          "clicked", Answer.CLICKED,
          "dismissed", Answer.DISMISSED,
          "accepted", Answer.ACCEPTED,
          "declined", Answer.DECLINED);

  /** What an event did. */
  public record Answered(
      String messageId,
      String event,
      String signalType,
      Long signalId,
      boolean duplicate,
      String engagement) {}

  private final OutboxMessages messages;
  private final SignalService signals;
  private final UnsubscribeLinks links;
  private final DecisionLog decisions;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ConsentRegistry consent;

  TouchAnswers(
      OutboxMessages messages,
      SignalService signals,
      UnsubscribeLinks links,
      DecisionLog decisions,
      TransactionTemplate transaction,
      Clock clock,
      ConsentRegistry consent) {
    this.consent = consent;
    this.messages = messages;
    this.signals = signals;
    this.links = links;
    this.decisions = decisions;
    this.transaction = transaction;
    this.clock = clock;
  }

  /**
   * An event the product reports for an in-app message.
   *
   * @throws ApiException 400 for an unknown type or a missing contact, 404 for a message that is
   *     not the contact's in-app message, 409 for an event that does not apply
   */
  public Answered inApp(String messageId, String type, String contactId) {
    if (type == null || !IN_APP_EVENTS.containsKey(type)) {
      throw ApiException.badRequest(
          "Unknown event type '"
              + type
              + "'; expected one of "
              + List.of("shown", "clicked", "dismissed", "accepted", "declined"));
    }
    if (contactId == null || contactId.isBlank()) {
      throw ApiException.badRequest("Field 'contactId' is required");
    }
    OutboxMessage m =
        messages
            .byMessageId(messageId)
            .filter(found -> ContactPolicy.IN_APP.equals(found.channel()))
            .filter(found -> contactId.equals(found.contactId()))
            .orElseThrow(() -> ApiException.notFound("Unknown in-app message '" + messageId + "'"));
    Answer answer = IN_APP_EVENTS.get(type);
    if (answer == Answer.DISMISSED) {
      return dismissed(m);
    }
    Accepted accepted =
        signals.accept(
            new SignalRequest(
                m.accountId(),
                answer.signalType.code(),
                null,
                Map.of("messageId", messageId, "contactId", contactId, "source", "in-app"),
                "in-app:" + messageId + ":" + type));
    return new Answered(
        messageId,
        type,
        answer.signalType.code(),
        accepted.id(),
        accepted.duplicate(),
        messages.byMessageId(messageId).orElseThrow().engagement());
  }

  /**
   * The one-click unsubscribe of a signed link: an {@code unsubscribed} signal for its message.
   *
   * @throws ApiException 400 for a token this app did not sign
   */
  public Answered unsubscribe(String token) {
    String messageId =
        links
            .verify(token)
            .orElseThrow(() -> ApiException.badRequest("Invalid or forged unsubscribe link"));
    OutboxMessage m =
        messages
            .byMessageId(messageId)
            .orElseThrow(() -> ApiException.notFound("Unknown message '" + messageId + "'"));
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("messageId", messageId);
    attributes.put("contactId", m.contactId());
    attributes.put("source", TouchAnswerRouter.UNSUBSCRIBE_SOURCE);
    // The opt-out holds once the page says so; the signal's routing records the same change
    // again under the same key (a replay), with the message's answer and decision.
    consent.change(
        m.contactId(),
        new ConsentRegistry.ChangeRequest(
            m.channel(), false, TouchAnswerRouter.UNSUBSCRIBE_SOURCE, "unsubscribe:" + messageId));
    Accepted accepted =
        signals.accept(
            new SignalRequest(
                m.accountId(), "unsubscribed", null, attributes, "unsubscribe:" + messageId));
    return new Answered(
        messageId,
        "unsubscribed",
        "unsubscribed",
        accepted.id(),
        accepted.duplicate(),
        "unsubscribed");
  }

  /** What a signed link would unsubscribe, for the confirmation page; empty when forged. */
  java.util.Optional<OutboxMessage> unsubscribeTarget(String token) {
    return links.verify(token).flatMap(messages::byMessageId);
  }

  private Answered dismissed(OutboxMessage m) {
    return transaction.execute(
        status -> {
          messages.lockForAnswer(m.messageId());
          OutboxMessage current = messages.byMessageId(m.messageId()).orElseThrow();
          AnswerRules.checkApplies(current, Answer.DISMISSED);
          boolean first =
              messages.recordEvent(
                  m.messageId(),
                  Answer.DISMISSED.code,
                  Answer.DISMISSED.after(current.engagement()),
                  "in-app",
                  null,
                  OffsetDateTime.now(clock));
          if (first) {
            decisions.record(
                TouchAnswerRouter.RULE + ":" + m.messageId() + ":dismissed",
                m.accountId(),
                m.journeyId(),
                TouchAnswerRouter.RULE,
                Answer.DISMISSED.code,
                "Answer 'dismissed' to the in_app message '"
                    + m.subject()
                    + "' (source in-app): recorded; the journey keeps waiting for an answer",
                Map.of("messageId", m.messageId(), "contactId", String.valueOf(m.contactId())));
          }
          return new Answered(
              m.messageId(),
              "dismissed",
              null,
              null,
              !first,
              messages.byMessageId(m.messageId()).orElseThrow().engagement());
        });
  }
}
