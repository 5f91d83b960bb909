package io.expansion.playbook.consent;

import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The contact policy's configuration ({@code expansion.contact-policy.*}); missing parts take the
 * defaults documented in the README.
 *
 * @param caps named frequency caps; a touch of a purpose must stay under every cap listing it
 * @param quietHours when touches are deferred, in the account's time zone
 * @param suppression what suppresses marketing and offer touches
 */
@ConfigurationProperties("expansion.contact-policy")
public record ContactPolicySettings(
    Map<String, Cap> caps, QuietHours quietHours, Suppression suppression) {

  public ContactPolicySettings {
    caps = caps == null || caps.isEmpty() ? defaultCaps() : Map.copyOf(caps);
    quietHours = quietHours == null ? QuietHours.DEFAULT : quietHours;
    suppression = suppression == null ? Suppression.DEFAULT : suppression;
  }

  /** These settings with one more cap (replacing a cap of the same name). */
  public ContactPolicySettings withCap(String name, Cap cap) {
    Map<String, Cap> all = new LinkedHashMap<>(caps);
    all.put(name, cap);
    return new ContactPolicySettings(all, quietHours, suppression);
  }

  /** The defaults: the same as {@code application.yml}. */
  public static ContactPolicySettings defaults() {
    return new ContactPolicySettings(null, null, null);
  }

  /**
   * At most {@code maxPerAccount} touches to the account and {@code maxPerContact} touches to one
   * contact with one of {@code purposes}, delivered within {@code window}.
   */
  public record Cap(List<String> purposes, int maxPerAccount, int maxPerContact, Duration window) {
    public Cap {
      purposes = List.copyOf(purposes);
    }
  }

  /**
   * Touches due between {@code start} and {@code end} (wrapping midnight when start is after end),
   * and all weekend when {@code weekends}, are deferred to the next allowed moment.
   */
  public record QuietHours(boolean enabled, LocalTime start, LocalTime end, boolean weekends) {
    static final QuietHours DEFAULT =
        new QuietHours(true, LocalTime.of(20, 0), LocalTime.of(8, 0), false);

    public QuietHours {
      start = start == null ? LocalTime.of(20, 0) : start;
      end = end == null ? LocalTime.of(8, 0) : end;
    }
  }

  /**
   * An open P1 support case, or an overdue invoice reported within {@code overdueInvoiceWindow},
   * suppresses touches with one of {@code purposes}.
   */
  public record Suppression(Duration overdueInvoiceWindow, List<String> purposes) {
    static final Suppression DEFAULT =
        new Suppression(Duration.ofDays(30), List.of(ContactPolicy.MARKETING, ContactPolicy.OFFER));

    public Suppression {
      overdueInvoiceWindow =
          overdueInvoiceWindow == null ? Duration.ofDays(30) : overdueInvoiceWindow;
      purposes =
          purposes == null
              ? List.of(ContactPolicy.MARKETING, ContactPolicy.OFFER)
              : List.copyOf(purposes);
    }
  }

  private static Map<String, Cap> defaultCaps() {
    Map<String, Cap> caps = new LinkedHashMap<>();
    caps.put(
        "marketing",
        new Cap(List.of(ContactPolicy.MARKETING, ContactPolicy.OFFER), 2, 2, Duration.ofDays(7)));
    caps.put("offer", new Cap(List.of(ContactPolicy.OFFER), 1, 1, Duration.ofDays(14)));
    caps.put("service", new Cap(List.of(ContactPolicy.SERVICE), 3, 3, Duration.ofDays(7)));
    return caps;
  }
}
