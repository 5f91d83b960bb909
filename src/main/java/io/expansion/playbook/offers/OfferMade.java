package io.expansion.playbook.offers;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An offer made to an account, and how it ended. */
public record OfferMade(
    long id,
    String accountId,
    String journeyId,
    String offerCode,
    String channel,
    String status,
    BigDecimal expectedValue,
    BigDecimal discount,
    BigDecimal revenueDelta,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public static final String PROPOSED = "PROPOSED";
  public static final String PRESENTED = "PRESENTED";
  public static final String QUOTED = "QUOTED";
  public static final String ACCEPTED = "ACCEPTED";
  public static final String DECLINED = "DECLINED";
  public static final String NOT_NOW = "NOT_NOW";
  public static final String NO_RESPONSE = "NO_RESPONSE";
  public static final String DISCOUNT_REJECTED = "DISCOUNT_REJECTED";

  /** No compliant quote could be made (a guardrail blocked it). */
  public static final String BLOCKED = "BLOCKED";

  public boolean inFlight() {
    return PROPOSED.equals(status) || PRESENTED.equals(status) || QUOTED.equals(status);
  }
}
