package io.expansion.playbook.delivery;

import io.expansion.playbook.web.ApiException;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Whether an answer applies to a message, and until when its journey waits for it. */
final class AnswerRules {

  private AnswerRules() {}

  /**
   * Refuses an answer that does not apply.
   *
   * @throws ApiException 409 naming why
   */
  static void checkApplies(OutboxMessage m, Answer answer) {
    if (answer != Answer.UNSUBSCRIBED && !OutboxMessage.SENT.equals(m.status())) {
      throw ApiException.conflict(
          "Message '" + m.messageId() + "' was not delivered (status " + m.status() + ")");
    }
    if (answer.isOfferAnswer() && !m.makesOffer()) {
      throw ApiException.conflict(
          "Message '"
              + m.messageId()
              + "' makes no offer: '"
              + answer.code
              + "' applies to offer messages only");
    }
    if (answer.isOfferAnswer() && m.engagement() != null) {
      Answer other = answer == Answer.ACCEPTED ? Answer.DECLINED : Answer.ACCEPTED;
      if (other.code.equals(m.engagement())) {
        throw ApiException.conflict(
            "The offer of message '" + m.messageId() + "' was already " + other.code);
      }
    }
  }

  /** The end of the answer window: from delivery (after quiet hours), {@code answerWithin}. */
  static OffsetDateTime windowClosesAt(OutboxMessage m, Duration answerWithin) {
    return m.dueAt().plus(answerWithin);
  }
}
