package io.expansion.playbook.consent;

import io.expansion.playbook.consent.ContactFacts.PastTouch;
import io.expansion.playbook.consent.ContactPolicySettings.Cap;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one contact policy for every touch of every play: opt-in per channel, global suppression, a
 * cooldown after a declined offer, frequency caps per account and per contact, and quiet hours
 * (which defer a touch rather than drop it). A pure function of its inputs.
 */
public final class ContactPolicy {

  public static final String MARKETING = "marketing";
  public static final String OFFER = "offer";
  public static final String SERVICE = "service";
  public static final List<String> PURPOSES = List.of(MARKETING, OFFER, SERVICE);

  public static final String EMAIL = "email";
  public static final String IN_APP = "in_app";
  public static final String CSM = "csm";
  public static final String SMS = "sms";

  /** Every channel the registry knows; {@code csm} is phone / CSM outreach. */
  public static final List<String> CHANNELS = List.of(EMAIL, IN_APP, CSM, SMS);

  /** Offer channels of the expansion journey, in order of preference when value is equal. */
  public static final List<String> OFFER_CHANNELS = List.of(IN_APP, EMAIL, CSM);

  private final ContactPolicySettings settings;

  public ContactPolicy(ContactPolicySettings settings) {
    this.settings = settings;
  }

  public ContactPolicySettings settings() {
    return settings;
  }

  /** The decision for a touch due {@code now}. */
  public ConsentDecision evaluate(TouchIntent intent, ContactFacts facts, OffsetDateTime now) {
    String purpose = intent.purpose();
    Map<String, String> blocked = new LinkedHashMap<>();
    if (facts.contactId() == null) {
      return block(intent, facts, blocked, "no-contact", "no contact on the account");
    }
    List<String> allowed = new ArrayList<>();
    for (String channel : intent.channels()) {
      Boolean optedIn = CHANNELS.contains(channel) ? facts.consents().get(channel) : null;
      if (Boolean.TRUE.equals(optedIn)) {
        allowed.add(channel);
      } else {
        blocked.put(
            channel,
            !CHANNELS.contains(channel)
                ? "unknown channel"
                : optedIn == null ? "no consent recorded" : "opted out");
      }
    }
    if (allowed.isEmpty()) {
      return new ConsentDecision(
          facts.contactId(),
          List.of(),
          blocked,
          "No channel with consent: " + blocked + ": no touch",
          purpose,
          "consent",
          null);
    }
    if (settings.suppression().purposes().contains(purpose)) {
      List<String> suppressions = Suppressions.active(facts.signals(), now, settings.suppression());
      if (!suppressions.isEmpty()) {
        return block(
            intent,
            facts,
            blocked,
            "suppression",
            "suppressed by " + String.join(" and ", suppressions));
      }
    }
    if (OFFER.equals(purpose)) {
      String cooldown = cooldown(intent, facts, now);
      if (cooldown != null) {
        return block(intent, facts, blocked, "cooldown", cooldown);
      }
    }
    OffsetDateTime deliverAt = QuietHoursRule.nextAllowed(settings.quietHours(), now, facts.zone());
    for (var cap : settings.caps().entrySet()) {
      String why = capReached(cap.getKey(), cap.getValue(), purpose, facts, now);
      if (why != null) {
        return block(intent, facts, blocked, "cap", "frequency cap reached: " + why);
      }
    }
    boolean deferred = deliverAt.isAfter(now);
    String deferral =
        deferred
            ? "; deferred until "
                + deliverAt
                    .atZoneSameInstant(facts.zone())
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + " (quiet hours "
                + settings.quietHours().start()
                + "-"
                + settings.quietHours().end()
                + (settings.quietHours().weekends() ? " and weekends" : "")
                + " in "
                + facts.zone()
                + ")"
            : "";
    return new ConsentDecision(
        facts.contactId(),
        List.copyOf(allowed),
        blocked,
        "Allowed channels "
            + allowed
            + (blocked.isEmpty() ? "" : ", blocked " + blocked)
            + " for a "
            + purpose
            + " touch"
            + deferral,
        purpose,
        null,
        deferred ? deliverAt.toInstant().toString() : null);
  }

  private String cooldown(TouchIntent intent, ContactFacts facts, OffsetDateTime now) {
    if (intent.offerCode() == null && !intent.anyDeclineCools()) {
      return null;
    }
    OffsetDateTime since = now.minusDays(facts.cooldownDays());
    return facts.declines().stream()
        .filter(d -> !d.at().isBefore(since))
        .filter(d -> intent.offerCode() == null || intent.offerCode().equals(d.offerCode()))
        .findFirst()
        .map(
            d ->
                "cooldown after the declined offer "
                    + d.offerCode()
                    + " (declined "
                    + d.at().toLocalDate()
                    + ", cooldown of "
                    + facts.cooldownDays()
                    + " days)")
        .orElse(null);
  }

  /**
   * Counts the touches delivered (or due) from {@code now - window} on, deferred ones included, so
   * no span of one window ever holds more touches than the cap.
   */
  private static String capReached(
      String name, Cap cap, String purpose, ContactFacts facts, OffsetDateTime now) {
    if (!cap.purposes().contains(purpose)) {
      return null;
    }
    OffsetDateTime since = now.minus(cap.window());
    List<PastTouch> counted =
        facts.touches().stream()
            .filter(t -> cap.purposes().contains(t.purpose()) && !t.deliverAt().isBefore(since))
            .toList();
    long forContact =
        counted.stream().filter(t -> Objects.equals(t.contactId(), facts.contactId())).count();
    String what = String.join("/", cap.purposes()) + " touches in the last " + days(cap) + " days";
    if (counted.size() >= cap.maxPerAccount()) {
      return counted.size()
          + " "
          + what
          + " for the account ("
          + name
          + " cap: max "
          + cap.maxPerAccount()
          + " per account)";
    }
    if (forContact >= cap.maxPerContact()) {
      return forContact
          + " "
          + what
          + " for contact "
          + facts.contactId()
          + " ("
          + name
          + " cap: max "
          + cap.maxPerContact()
          + " per contact)";
    }
    return null;
  }

  private static String days(Cap cap) {
    long hours = cap.window().toHours();
    return hours % 24 == 0 ? String.valueOf(hours / 24) : String.format("%.1f", hours / 24.0);
  }

  private static ConsentDecision block(
      TouchIntent intent,
      ContactFacts facts,
      Map<String, String> blockedByConsent,
      String blockedBy,
      String why) {
    Map<String, String> blocked = new LinkedHashMap<>();
    intent.channels().forEach(c -> blocked.put(c, blockedByConsent.getOrDefault(c, why)));
    String label =
        switch (blockedBy) {
          case "cap" -> "Frequency cap: ";
          case "suppression" -> "Suppressed: ";
          case "cooldown" -> "Cooldown: ";
          default -> "No contact to touch: ";
        };
    return new ConsentDecision(
        facts.contactId(),
        List.of(),
        blocked,
        label + why + ": no touch",
        intent.purpose(),
        blockedBy,
        null);
  }
}
