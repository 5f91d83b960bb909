package io.expansion.playbook.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.consent.ContactPolicySettings.Cap;
import io.expansion.playbook.consent.Touches.Touch;
import java.time.OffsetDateTime;
import java.util.List;

/** Checks stored touches of one account (and its primary contact) against every cap. */
final class CapAssertions {

  private CapAssertions() {}

  /** No window of any cap holds more touches, counted by delivery time, than the cap allows. */
  static void assertWithinCaps(ContactPolicySettings settings, List<Touch> stored) {
    for (var entry : settings.caps().entrySet()) {
      Cap cap = entry.getValue();
      List<OffsetDateTime> counted =
          stored.stream()
              .filter(t -> cap.purposes().contains(t.purpose()))
              .map(t -> t.deliverAfter() == null ? t.occurredAt() : t.deliverAfter())
              .toList();
      for (OffsetDateTime from : counted) {
        long inWindow =
            counted.stream()
                .filter(d -> !d.isBefore(from) && !d.isAfter(from.plus(cap.window())))
                .count();
        assertThat(inWindow)
            .as("%s cap from %s", entry.getKey(), from)
            .isLessThanOrEqualTo(Math.min(cap.maxPerAccount(), cap.maxPerContact()));
      }
    }
  }
}
