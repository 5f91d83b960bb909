package io.expansion.playbook.consent;

import java.util.List;
import java.util.Map;

/**
 * Which channels may carry a touch to the account now.
 *
 * @param contactId the contact the touch would go to (null when the account has none)
 * @param allowedChannels channels with opt-in and room under the frequency cap, best first
 * @param blocked why each other channel is blocked
 */
public record ConsentDecision(
    String contactId, List<String> allowedChannels, Map<String, String> blocked, String reason) {}
