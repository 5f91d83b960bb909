package io.expansion.playbook.consent;

import java.util.List;
import java.util.Map;

/**
 * Which channels may carry a touch to the account now, under the contact policy.
 *
 * @param contactId the contact the touch would go to (null when the account has none)
 * @param allowedChannels channels the touch may use, in the request's order of preference
 * @param blocked why each other channel is blocked
 * @param reason the whole decision in words
 * @param purpose {@code marketing}, {@code offer} or {@code service}
 * @param blockedBy what stopped the touch ({@code no-contact}, {@code consent}, {@code
 *     suppression}, {@code cooldown}, {@code cap}); null when a channel is allowed
 * @param deferredUntil ISO-8601 instant the touch is deferred to by quiet hours, or null
 */
public record ConsentDecision(
    String contactId,
    List<String> allowedChannels,
    Map<String, String> blocked,
    String reason,
    String purpose,
    String blockedBy,
    String deferredUntil) {

  public boolean allowed() {
    return allowedChannels != null && !allowedChannels.isEmpty();
  }
}
