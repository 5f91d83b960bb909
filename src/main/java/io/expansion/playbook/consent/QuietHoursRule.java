package io.expansion.playbook.consent;

import io.expansion.playbook.consent.ContactPolicySettings.QuietHours;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Quiet hours in the account's time zone: when a touch due now may be delivered. */
final class QuietHoursRule {

  private QuietHoursRule() {}

  /** Whether the moment falls into quiet hours in the zone. */
  static boolean quiet(QuietHours q, OffsetDateTime at, ZoneId zone) {
    if (!q.enabled()) {
      return false;
    }
    ZonedDateTime local = at.atZoneSameInstant(zone);
    if (q.weekends() && weekend(local.getDayOfWeek())) {
      return true;
    }
    LocalTime time = local.toLocalTime();
    if (q.start().equals(q.end())) {
      return false;
    }
    if (q.start().isBefore(q.end())) {
      return !time.isBefore(q.start()) && time.isBefore(q.end());
    }
    return !time.isBefore(q.start()) || time.isBefore(q.end());
  }

  /** The first moment at or after {@code now} outside quiet hours. */
  static OffsetDateTime nextAllowed(QuietHours q, OffsetDateTime now, ZoneId zone) {
    ZonedDateTime t = now.atZoneSameInstant(zone);
    for (int step = 0; step < 16 && quiet(q, t.toOffsetDateTime(), zone); step++) {
      if (q.weekends() && weekend(t.getDayOfWeek())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay(zone);
      } else if (!t.toLocalTime().isBefore(q.start()) && q.start().isAfter(q.end())) {
        t = t.toLocalDate().plusDays(1).atTime(q.end()).atZone(zone);
      } else {
        t = t.toLocalDate().atTime(q.end()).atZone(zone);
      }
    }
    return t.toOffsetDateTime().withOffsetSameInstant(now.getOffset());
  }

  private static boolean weekend(DayOfWeek day) {
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }
}
