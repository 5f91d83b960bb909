package io.expansion.playbook.offers;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/** Moves offers through their life cycle; other packages go through here, not the table. */
@Component
public class OfferStatusChanges {

  private final Offers offers;
  private final Clock clock;

  public OfferStatusChanges(Offers offers, Clock clock) {
    this.offers = offers;
    this.clock = clock;
  }

  public void presented(long offerId) {
    offers.updateStatus(offerId, OfferMade.PRESENTED, null, null, OffsetDateTime.now(clock));
  }

  boolean quoted(long offerId, BigDecimal discount) {
    return offers.updateStatus(
        offerId, OfferMade.QUOTED, discount, null, OffsetDateTime.now(clock));
  }

  /**
   * Accepted at the quote's discount (an approver may have adjusted it); false if it already was.
   */
  boolean accepted(long offerId, BigDecimal discount, BigDecimal revenueDelta) {
    return offers.updateStatus(
        offerId, OfferMade.ACCEPTED, discount, revenueDelta, OffsetDateTime.now(clock));
  }

  boolean closed(long offerId, String status, BigDecimal revenueDelta) {
    return offers.updateStatus(offerId, status, null, revenueDelta, OffsetDateTime.now(clock));
  }
}
