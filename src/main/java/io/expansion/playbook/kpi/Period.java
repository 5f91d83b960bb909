package io.expansion.playbook.kpi;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A period of whole days, {@code from} to {@code to} inclusive.
 *
 * @param label {@code 2026-03} for a month, {@code 2026-Q1} for a quarter, else {@code from..to}
 */
record Period(String label, LocalDate from, LocalDate to) {

  static Period of(LocalDate from, LocalDate to) {
    return new Period(from + ".." + to, from, to);
  }

  /** The first instant of the period. */
  OffsetDateTime start(ZoneId zone) {
    return from.atStartOfDay(zone).toOffsetDateTime();
  }

  /** The first instant after the period. */
  OffsetDateTime end(ZoneId zone) {
    return to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
  }
}
