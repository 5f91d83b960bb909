package io.expansion.playbook.delivery;

import java.time.OffsetDateTime;

/**
 * A message of the outbox with its touch, as the relay, the channels and the APIs see it.
 *
 * @param messageId the public id: the email's Message-ID, the idempotency key of other channels
 * @param purpose the touch's purpose ({@code marketing}, {@code offer}, {@code service})
 * @param offerCode the catalog offer the touch made, or null
 * @param status PENDING, CLAIMED, SENDING, SENT, FAILED, BOUNCED or CANCELLED
 * @param attempts deliveries tried so far
 * @param statusReason why the message is in its status (the last failure, a bounce, a cancel)
 * @param engagement the customer's latest answer, or null
 */
public record OutboxMessage(
    long id,
    String messageId,
    Long touchId,
    String accountId,
    String contactId,
    String journeyId,
    String play,
    String purpose,
    Long offerId,
    String offerCode,
    String channel,
    String recipient,
    String subject,
    String body,
    String status,
    int attempts,
    OffsetDateTime createdAt,
    OffsetDateTime deliverAfter,
    OffsetDateTime nextAttemptAt,
    OffsetDateTime sentAt,
    String statusReason,
    String engagement,
    OffsetDateTime engagedAt) {

  public static final String PENDING = "PENDING";
  public static final String CLAIMED = "CLAIMED";
  public static final String SENDING = "SENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
  public static final String BOUNCED = "BOUNCED";
  public static final String CANCELLED = "CANCELLED";

  /** Whether the touch made an offer the customer can accept or decline. */
  public boolean makesOffer() {
    return offerId != null;
  }

  /** Marketing and offer messages carry an unsubscribe link; service messages do not. */
  public boolean needsUnsubscribeLink() {
    return "marketing".equals(purpose) || "offer".equals(purpose);
  }

  /** When the message may leave: after quiet hours when deferred, else when it was queued. */
  public OffsetDateTime dueAt() {
    return deliverAfter != null ? deliverAfter : createdAt;
  }
}
