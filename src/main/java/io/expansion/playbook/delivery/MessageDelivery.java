package io.expansion.playbook.delivery;

import io.expansion.playbook.consent.Contacts;
import io.expansion.playbook.delivery.DeliveryResult.Kind;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers one claimed message through its channel and records the result. A transactional
 * channel's write and the move to SENT share one transaction. A remote channel first gets the
 * message handed over (SENDING, committed), then the result is recorded; if the relay stops in
 * between, {@link #resolveInterrupted} decides by the channel's {@link Channel.Mode}.
 */
@Component
class MessageDelivery {

  /** What became of one message. */
  enum Outcome {
    SENT,
    RETRY,
    FAILED,
    BOUNCED,
    CANCELLED,
    /** Someone else moved it first (another relay, an erasure): nothing done. */
    SKIPPED
  }

  private final DeliveryStates states;
  private final OutboxMessages messages;
  private final List<Channel> channels;
  private final Contacts contacts;
  private final UnsubscribeLinks links;
  private final DeliveryRecords records;
  private final DeliveryProperties.Relay relay;
  private final TransactionTemplate transaction;
  private final Clock clock;

  MessageDelivery(
      DeliveryStates states,
      OutboxMessages messages,
      List<Channel> channels,
      Contacts contacts,
      UnsubscribeLinks links,
      DeliveryRecords records,
      DeliveryProperties properties,
      TransactionTemplate transaction,
      Clock clock) {
    this.states = states;
    this.messages = messages;
    this.channels = List.copyOf(channels);
    this.contacts = contacts;
    this.links = links;
    this.records = records;
    this.relay = properties.relay();
    this.transaction = transaction;
    this.clock = clock;
  }

  Channel channelFor(String outboxChannel) {
    return channels.stream().filter(c -> c.handles(outboxChannel)).findFirst().orElse(null);
  }

  Outcome deliver(long id, String token) {
    OutboxMessage m = messages.byId(id).orElse(null);
    if (m == null || !OutboxMessage.CLAIMED.equals(m.status())) {
      return Outcome.SKIPPED;
    }
    if (m.contactId() != null
        && !Boolean.TRUE.equals(contacts.consents(m.contactId()).get(m.channel()))) {
      String reason =
          "contact " + m.contactId() + " is not opted in to " + m.channel() + " any more";
      return finish(m, token, OutboxMessage.CLAIMED, Outcome.CANCELLED, reason, null, false);
    }
    Channel channel = channelFor(m.channel());
    if (channel == null) {
      return failure(
          m,
          token,
          OutboxMessage.CLAIMED,
          DeliveryResult.retry(
              "no channel delivers '"
                  + m.channel()
                  + "' (list it in expansion.delivery.webhook.channels and set the webhook url)"),
          true);
    }
    String link = m.needsUnsubscribeLink() ? links.url(m.messageId()) : null;
    if (channel.mode() == Channel.Mode.TRANSACTIONAL) {
      return deliverInTransaction(m, token, channel, link);
    }
    if (!states.handOver(id, token, OffsetDateTime.now(clock).plus(relay.lease()))) {
      return Outcome.SKIPPED;
    }
    DeliveryResult result;
    try {
      result = channel.deliver(m, link);
    } catch (RuntimeException e) {
      result = DeliveryResult.retry(channel.name() + ": " + e);
    }
    return result.kind() == Kind.SENT
        ? finish(
            m,
            token,
            OutboxMessage.SENDING,
            Outcome.SENT,
            channel.name() + ": " + result.detail(),
            OffsetDateTime.now(clock),
            false)
        : failure(m, token, OutboxMessage.SENDING, result, false);
  }

  private Outcome deliverInTransaction(
      OutboxMessage m, String token, Channel channel, String link) {
    DeliveryResult[] notSent = new DeliveryResult[1];
    try {
      Boolean sent =
          transaction.execute(
              status -> {
                DeliveryResult result = channel.deliver(m, link);
                if (result.kind() != Kind.SENT) {
                  notSent[0] = result;
                  status.setRollbackOnly();
                  return false;
                }
                String detail = channel.name() + ": " + result.detail();
                if (!states.finish(
                    m.id(),
                    token,
                    OutboxMessage.CLAIMED,
                    OutboxMessage.SENT,
                    detail,
                    OffsetDateTime.now(clock),
                    true)) {
                  status.setRollbackOnly();
                  return null;
                }
                records.delivered(m, Outcome.SENT, detail);
                return true;
              });
      if (sent == null) {
        return Outcome.SKIPPED;
      }
      return sent ? Outcome.SENT : failure(m, token, OutboxMessage.CLAIMED, notSent[0], true);
    } catch (RuntimeException e) {
      return failure(
          m, token, OutboxMessage.CLAIMED, DeliveryResult.retry(channel.name() + ": " + e), true);
    }
  }

  /** A failed attempt: final when the channel says so or the attempts are used up. */
  private Outcome failure(
      OutboxMessage m, String token, String from, DeliveryResult result, boolean countAttempt) {
    if (result.kind() == Kind.BOUNCED) {
      return finish(m, token, from, Outcome.BOUNCED, result.detail(), null, countAttempt);
    }
    if (result.kind() == Kind.FAILED) {
      return finish(m, token, from, Outcome.FAILED, result.detail(), null, countAttempt);
    }
    int attempts = states.attempts(m.id()) + (countAttempt ? 1 : 0);
    if (attempts >= relay.maxAttempts()) {
      String reason = "failed after " + attempts + " attempts; last: " + result.detail();
      return finish(m, token, from, Outcome.FAILED, reason, null, countAttempt);
    }
    OffsetDateTime next = OffsetDateTime.now(clock).plus(relay.backoffAfter(attempts));
    String reason =
        "attempt " + attempts + " failed: " + result.detail() + "; next attempt at " + next;
    return states.retryLater(m.id(), token, from, next, reason, countAttempt)
        ? Outcome.RETRY
        : Outcome.SKIPPED;
  }

  private Outcome finish(
      OutboxMessage m,
      String token,
      String from,
      Outcome outcome,
      String reason,
      OffsetDateTime sentAt,
      boolean countAttempt) {
    Boolean moved =
        transaction.execute(
            status -> {
              if (!states.finish(
                  m.id(), token, from, outcome.name(), reason, sentAt, countAttempt)) {
                return false;
              }
              records.delivered(m, outcome, reason);
              return true;
            });
    return Boolean.TRUE.equals(moved) ? outcome : Outcome.SKIPPED;
  }

  /**
   * A message a relay handed over and then stopped (its lease ran out in SENDING): delivered again
   * with the same idempotency key where the receiver drops duplicates, else FAILED — it may have
   * arrived, and a second SMTP transaction would be a second email.
   */
  Outcome resolveInterrupted(DeliveryStates.Interrupted interrupted) {
    OutboxMessage m = messages.byId(interrupted.id()).orElse(null);
    if (m == null) {
      return Outcome.SKIPPED;
    }
    Channel channel = channelFor(m.channel());
    if (channel != null && channel.mode() == Channel.Mode.IDEMPOTENT) {
      String reason = "the relay stopped during delivery; delivered again with the same key";
      return states.retryLater(
              m.id(),
              interrupted.token(),
              OutboxMessage.SENDING,
              OffsetDateTime.now(clock),
              reason,
              false)
          ? Outcome.RETRY
          : Outcome.SKIPPED;
    }
    String reason =
        "the relay stopped after handing the message to "
            + (channel == null ? m.channel() : channel.name())
            + "; it may have arrived, so it is not sent again (Message-ID "
            + m.messageId()
            + ")";
    return finish(
        m, interrupted.token(), OutboxMessage.SENDING, Outcome.FAILED, reason, null, false);
  }
}
