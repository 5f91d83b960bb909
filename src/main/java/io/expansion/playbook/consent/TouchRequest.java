package io.expansion.playbook.consent;

import java.util.List;

/**
 * A play's touch, as the process variable {@code touchRequest}.
 *
 * @param key unique within the journey; the touch's business key is {@code journeyId:key}
 * @param purpose {@code marketing}, {@code offer} or {@code service}
 * @param channels acceptable channels ({@code in_app}, {@code email}, {@code csm}, {@code sms}),
 *     best first
 * @param offerCode the catalog offer the touch is about (offer cooldown per offer), optional
 */
public record TouchRequest(
    String key,
    String purpose,
    String subject,
    String body,
    List<String> channels,
    String offerCode) {

  /** Checks the request and names the first problem. */
  TouchIntent intent() {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("touchRequest.key is required");
    }
    if (!ContactPolicy.PURPOSES.contains(purpose)) {
      throw new IllegalArgumentException(
          "touchRequest.purpose must be one of " + ContactPolicy.PURPOSES + ", was " + purpose);
    }
    if (channels == null || channels.isEmpty()) {
      throw new IllegalArgumentException("touchRequest.channels must name at least one channel");
    }
    for (String channel : channels) {
      if (!ContactPolicy.CHANNELS.contains(channel)) {
        throw new IllegalArgumentException(
            "touchRequest.channels: unknown channel '"
                + channel
                + "', expected one of "
                + ContactPolicy.CHANNELS);
      }
    }
    return new TouchIntent(
        purpose, channels, offerCode, ContactPolicy.OFFER.equals(purpose) && offerCode == null);
  }
}
