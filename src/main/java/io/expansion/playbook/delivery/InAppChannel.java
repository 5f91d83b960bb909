package io.expansion.playbook.delivery;

import io.expansion.playbook.consent.ContactPolicy;
import org.springframework.stereotype.Component;

/**
 * In-app messages are delivered by making them visible to the customer's product, which pulls them
 * ({@code GET /api/in-app/messages?contactId=}): the move to SENT in the relay's transaction is the
 * delivery itself, so it happens exactly once.
 */
@Component
class InAppChannel implements Channel {

  @Override
  public String name() {
    return "in-app";
  }

  @Override
  public boolean handles(String outboxChannel) {
    return ContactPolicy.IN_APP.equals(outboxChannel);
  }

  @Override
  public Mode mode() {
    return Mode.TRANSACTIONAL;
  }

  @Override
  public DeliveryResult deliver(OutboxMessage message, String unsubscribeUrl) {
    return DeliveryResult.sent("available to the in-app pull of contact " + message.contactId());
  }
}
