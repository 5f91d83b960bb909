package io.expansion.playbook.delivery;

import io.expansion.playbook.decisions.DecisionLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The decision rows of deliveries: every message that reached a final status has one. */
@Component
class DeliveryRecords {

  static final String RULE = "delivery";

  private final DecisionLog decisions;

  DeliveryRecords(DecisionLog decisions) {
    this.decisions = decisions;
  }

  void delivered(OutboxMessage m, MessageDelivery.Outcome outcome, String detail) {
    String verb =
        switch (outcome) {
          case SENT -> "delivered";
          case BOUNCED -> "bounced";
          case CANCELLED -> "cancelled before delivery";
          default -> "not delivered";
        };
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("messageId", m.messageId());
    inputs.put("touchId", m.touchId());
    inputs.put("channel", m.channel());
    inputs.put("contactId", m.contactId());
    inputs.put("attempts", m.attempts());
    decisions.record(
        RULE + ":" + m.messageId() + ":" + outcome.name().toLowerCase(),
        m.accountId(),
        m.journeyId(),
        RULE,
        outcome.name().toLowerCase(),
        "Message '" + m.subject() + "' via " + m.channel() + " " + verb + ": " + detail,
        inputs);
  }
}
