package io.expansion.playbook.delivery;

/**
 * How one delivery attempt ended.
 *
 * @param detail what the channel reported (a receipt, an error)
 */
public record DeliveryResult(Kind kind, String detail) {

  public enum Kind {
    SENT,
    /** Failed for now (server unreachable, 4xx): tried again after a backoff. */
    RETRY,
    /** The recipient does not exist or refuses mail (5xx on the recipient). */
    BOUNCED,
    /** Refused for good (a malformed message, the receiver rejected it). */
    FAILED
  }

  public static DeliveryResult sent(String detail) {
    return new DeliveryResult(Kind.SENT, detail);
  }

  public static DeliveryResult retry(String detail) {
    return new DeliveryResult(Kind.RETRY, detail);
  }

  public static DeliveryResult bounced(String detail) {
    return new DeliveryResult(Kind.BOUNCED, detail);
  }

  public static DeliveryResult failed(String detail) {
    return new DeliveryResult(Kind.FAILED, detail);
  }
}
