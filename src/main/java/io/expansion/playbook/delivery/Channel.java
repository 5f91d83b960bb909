package io.expansion.playbook.delivery;

/**
 * One way to reach a customer. The relay hands each due outbox message to the first channel that
 * {@link #handles} its outbox channel, and the {@link #mode} tells it what a crash in the middle
 * means.
 */
public interface Channel {

  /** What delivering twice would do, so the relay can deliver exactly once. */
  enum Mode {
    /**
     * Delivery is a write to this app's database, done in the relay's transaction with the status
     * change: it happens exactly once or not at all (in-app, local mailbox).
     */
    TRANSACTIONAL,
    /**
     * The receiver drops a second delivery with the same idempotency key (the message id): a
     * delivery interrupted by a crash is repeated with the same key (webhook).
     */
    IDEMPOTENT,
    /**
     * A second delivery would reach the customer twice (SMTP): a delivery interrupted after the
     * hand-over is never repeated; it is recorded FAILED with the reason instead.
     */
    AT_MOST_ONCE
  }

  /** A name for logs and decision rows, e.g. {@code smtp}, {@code mailbox}. */
  String name();

  /** Whether this channel delivers messages of the outbox channel ({@code email}, ...). */
  boolean handles(String outboxChannel);

  Mode mode();

  /**
   * Delivers one message. A failure the next attempt may cure is a {@link DeliveryResult#retry};
   * one it cannot is {@link DeliveryResult#failed} or {@link DeliveryResult#bounced}. May also
   * throw: a RuntimeException counts as a retryable failure.
   *
   * @param unsubscribeUrl the signed one-click unsubscribe link, for marketing and offer messages;
   *     null otherwise
   */
  DeliveryResult deliver(OutboxMessage message, String unsubscribeUrl);
}
