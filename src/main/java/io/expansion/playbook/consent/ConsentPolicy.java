package io.expansion.playbook.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contact policy for offer touches: opt-in per channel and a frequency cap per account. */
public final class ConsentPolicy {

  /** Offer channels, in order of preference when value is equal. */
  public static final List<String> OFFER_CHANNELS = List.of("in_app", "email", "csm");

  private ConsentPolicy() {}

  /**
   * @param contactId the primary contact, or null
   * @param consents channel → opted in, for that contact
   * @param touchesInWindow touches the account received within the window, across all journeys
   */
  public static ConsentDecision evaluate(
      String contactId,
      Map<String, Boolean> consents,
      int touchesInWindow,
      int maxTouches,
      int windowDays) {
    Map<String, String> blocked = new LinkedHashMap<>();
    List<String> allowed = new ArrayList<>();
    if (contactId == null) {
      OFFER_CHANNELS.forEach(c -> blocked.put(c, "no contact on the account"));
      return new ConsentDecision(null, List.of(), blocked, "No contact to touch: no touch");
    }
    if (touchesInWindow >= maxTouches) {
      String why =
          "frequency cap reached: "
              + touchesInWindow
              + " touches in the last "
              + windowDays
              + " days (max "
              + maxTouches
              + ")";
      OFFER_CHANNELS.forEach(c -> blocked.put(c, why));
      return new ConsentDecision(contactId, List.of(), blocked, "Frequency cap: " + why);
    }
    for (String channel : OFFER_CHANNELS) {
      Boolean optedIn = consents.get(channel);
      if (Boolean.TRUE.equals(optedIn)) {
        allowed.add(channel);
      } else {
        blocked.put(channel, optedIn == null ? "no consent recorded" : "opted out");
      }
    }
    String reason =
        allowed.isEmpty()
            ? "No channel with consent: " + blocked + ": no touch"
            : "Allowed channels " + allowed + (blocked.isEmpty() ? "" : ", blocked " + blocked);
    return new ConsentDecision(contactId, allowed, blocked, reason);
  }
}
