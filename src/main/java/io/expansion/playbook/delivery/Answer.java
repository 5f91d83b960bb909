package io.expansion.playbook.delivery;

import io.expansion.playbook.signals.SignalType;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a customer did with a message, as recorded on it ({@code outbox.engagement}, {@code
 * message_events.type}); ranked so a later, weaker event (shown after clicked) does not hide a
 * stronger one.
 *
 * @param signalType the signal it is recorded as; null for {@code dismissed} (recorded only)
 * @param endsTheWait whether the journey waiting for the touch's answer moves on
 */
enum Answer {
  OPENED("opened", SignalType.TOUCH_OPENED, 1, false),
  CLICKED("clicked", SignalType.TOUCH_CLICKED, 2, true),
  DISMISSED("dismissed", null, 3, false),
  ACCEPTED("accepted", SignalType.OFFER_ACCEPTED, 4, true),
  DECLINED("declined", SignalType.OFFER_DECLINED, 4, true),
  UNSUBSCRIBED("unsubscribed", SignalType.UNSUBSCRIBED, 5, true);

  final String code;
  final SignalType signalType;
  final int rank;
  final boolean endsTheWait;

  Answer(String code, SignalType signalType, int rank, boolean endsTheWait) {
    this.code = code;
    this.signalType = signalType;
    this.rank = rank;
    this.endsTheWait = endsTheWait;
  }

  boolean isOfferAnswer() {
    return this == ACCEPTED || this == DECLINED;
  }

  static Optional<Answer> ofCode(String code) {
    return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
  }

  static Answer of(SignalType type) {
    return Arrays.stream(values())
        .filter(a -> a.signalType == type)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(type.code() + " answers no touch"));
  }

  /** The engagement to keep after this answer, given the one recorded so far (may be null). */
  String after(String recorded) {
    return ofCode(recorded).filter(r -> r.rank > rank).map(r -> r.code).orElse(code);
  }
}
