package io.expansion.playbook.consent;

import java.util.List;

/**
 * What a play wants to send, as the contact policy sees it.
 *
 * @param purpose {@code marketing}, {@code offer} or {@code service}
 * @param channels acceptable channels, best first
 * @param offerCode the offer touched (offer cooldown for that offer), or null
 * @param anyDeclineCools whether any recently declined offer blocks this offer touch (plays that
 *     touch about an offer without naming it); false when the offer is named or not chosen yet
 */
public record TouchIntent(
    String purpose, List<String> channels, String offerCode, boolean anyDeclineCools) {

  public TouchIntent {
    channels = List.copyOf(channels);
  }

  /** The expansion journey's offer touch, asked before the offer is chosen. */
  public static TouchIntent expansionOffer() {
    return new TouchIntent(ContactPolicy.OFFER, ContactPolicy.OFFER_CHANNELS, null, false);
  }
}
