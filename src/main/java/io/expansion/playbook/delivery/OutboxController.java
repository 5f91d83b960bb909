package io.expansion.playbook.delivery;

import io.expansion.playbook.decisions.ActorSource;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.delivery.OutboxMessages.MessageEvent;
import io.expansion.playbook.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbox and the local mailbox, for the workspace and operations: what was sent, what waits,
 * what failed and why, what the customer answered; a failed message can be queued again.
 */
@RestController
class OutboxController {

  private static final List<String> STATUSES =
      List.of(
          OutboxMessage.PENDING,
          OutboxMessage.CLAIMED,
          OutboxMessage.SENDING,
          OutboxMessage.SENT,
          OutboxMessage.FAILED,
          OutboxMessage.BOUNCED,
          OutboxMessage.CANCELLED);

  private final OutboxMessages messages;
  private final DeliveryStates states;
  private final Mailbox mailbox;
  private final OutboxRelay relay;
  private final DecisionLog decisions;

  private final ActorSource actors;

  OutboxController(
      OutboxMessages messages,
      DeliveryStates states,
      Mailbox mailbox,
      OutboxRelay relay,
      DecisionLog decisions,
      ActorSource actors) {
    this.actors = actors;
    this.messages = messages;
    this.states = states;
    this.mailbox = mailbox;
    this.relay = relay;
    this.decisions = decisions;
  }

  /** A message with what the customer did with it, and its copy in the local mailbox if any. */
  record MessageDetail(OutboxMessage message, List<MessageEvent> events, Mailbox.Email email) {}

  @GetMapping("/api/outbox")
  List<OutboxMessage> outbox(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String contactId,
      @RequestParam(defaultValue = "50") int limit) {
    if (status != null && !STATUSES.contains(status)) {
      throw ApiException.badRequest("Unknown status '" + status + "'; expected one of " + STATUSES);
    }
    return messages.find(status, channel, accountId, contactId, limit(limit));
  }

  @GetMapping("/api/outbox/{messageId}")
  MessageDetail message(@PathVariable String messageId) {
    OutboxMessage m = found(messageId);
    return new MessageDetail(
        m, messages.events(messageId), mailbox.byMessageId(messageId).orElse(null));
  }

  /** Queues a FAILED message again (its attempts start over); 409 for any other status. */
  @PostMapping("/api/outbox/{messageId}/retry")
  OutboxMessage retry(@PathVariable String messageId) {
    String actor = actors.current().name();
    OutboxMessage m = found(messageId);
    if (!states.requeue(messageId, "queued again by " + actor + " after: " + m.statusReason())) {
      throw ApiException.conflict(
          "Message '" + messageId + "' is " + m.status() + "; only FAILED messages are retried");
    }
    decisions.record(
        null,
        m.accountId(),
        m.journeyId(),
        DeliveryRecords.RULE,
        "requeued",
        "Message '" + m.subject() + "' via " + m.channel() + " queued again by " + actor,
        Map.of("messageId", messageId, "actor", actor));
    return found(messageId);
  }

  /** Runs the relay once now (it also runs on its own every poll interval). */
  @PostMapping("/api/outbox/relay")
  OutboxRelay.Run runRelay() {
    return relay.runOnce();
  }

  @GetMapping("/api/mailbox")
  List<Mailbox.Email> mailbox(
      @RequestParam(required = false) String recipient,
      @RequestParam(defaultValue = "50") int limit) {
    return mailbox.latest(recipient, limit(limit));
  }

  @GetMapping("/api/mailbox/{messageId}")
  Mailbox.Email email(@PathVariable String messageId) {
    return mailbox
        .byMessageId(messageId)
        .orElseThrow(
            () -> ApiException.notFound("No email '" + messageId + "' in the local mailbox"));
  }

  private OutboxMessage found(String messageId) {
    return messages
        .byMessageId(messageId)
        .orElseThrow(() -> ApiException.notFound("Unknown message '" + messageId + "'"));
  }

  private static int limit(int limit) {
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("'limit' must be from 1 to 500");
    }
    return limit;
  }
}
