package io.expansion.playbook.consent;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Everything the contact policy needs to know about an account at one moment.
 *
 * @param contactId the primary contact, or null
 * @param consents channel → opted in, for that contact (absent = no consent recorded)
 * @param zone the account's time zone
 * @param touches the account's touches that may still count against a cap
 * @param declines offers the account declined, with when
 * @param cooldownDays days an offer touch is held back after a decline (guardrail policy)
 * @param signals the account's support-case and invoice signals, oldest first
 */
public record ContactFacts(
    String contactId,
    Map<String, Boolean> consents,
    ZoneId zone,
    List<PastTouch> touches,
    List<Decline> declines,
    int cooldownDays,
    List<SignalFact> signals) {

  /** A touch already made, at the time it is (or will be) delivered. */
  public record PastTouch(String purpose, String contactId, OffsetDateTime deliverAt) {}

  /** An offer the account declined. */
  public record Decline(String offerCode, OffsetDateTime at) {}

  /** A support-case or invoice signal. */
  public record SignalFact(String type, OffsetDateTime at, Map<String, Object> attributes) {}
}
