package io.expansion.playbook.kpi;

import io.expansion.playbook.web.ApiException;
import io.expansion.playbook.web.ApiParams;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the query parameters into periods: {@code from}/{@code to}, or {@code period} ({@code
 * month}, {@code quarter}, {@code ttm}) relative to {@code asOf} (default today); and splits a
 * range into calendar months or quarters for a series.
 */
final class KpiPeriods {

  static final List<String> PERIODS = List.of("month", "quarter", "ttm");
  static final List<String> INTERVALS = List.of("month", "quarter");
  static final int MAX_POINTS = 120;

  private KpiPeriods() {}

  /**
   * The period asked for. With {@code period}: {@code month} is the calendar month holding {@code
   * asOf} up to {@code asOf}, {@code quarter} the calendar quarter likewise, {@code ttm} the twelve
   * months ending on {@code asOf}. Without: {@code to} defaults to {@code asOf}, {@code from} to
   * the start of the twelve months ending on {@code to}.
   *
   * @throws ApiException 400 naming a bad date, an unknown period, {@code from} after {@code to},
   *     or a period given together with dates
   */
  static Period resolve(String from, String to, String period, String asOf, LocalDate today) {
    LocalDate asOfDate = ApiParams.date("asOf", asOf);
    LocalDate reference = asOfDate == null ? today : asOfDate;
    LocalDate fromDate = ApiParams.date("from", from);
    LocalDate toDate = ApiParams.date("to", to);
    String named = ApiParams.oneOf("period", period, PERIODS);
    if (named != null) {
      if (fromDate != null || toDate != null) {
        throw ApiException.badRequest("Give either 'period' or 'from'/'to', not both");
      }
      return switch (named) {
        case "month" ->
            new Period(
                YearMonth.from(reference).toString(), reference.withDayOfMonth(1), reference);
        case "quarter" -> new Period(quarterLabel(reference), quarterStart(reference), reference);
        default -> Period.of(twelveMonthsEndingOn(reference), reference);
      };
    }
    LocalDate end = toDate == null ? reference : toDate;
    LocalDate start = fromDate == null ? twelveMonthsEndingOn(end) : fromDate;
    ApiParams.ordered(start, end);
    return Period.of(start, end);
  }

  /**
   * The calendar months or quarters overlapping the range, each cut to it.
   *
   * @throws ApiException 400 for an unknown interval or more than {@link #MAX_POINTS} points
   */
  static List<Period> split(Period range, String interval) {
    String step = ApiParams.oneOf("interval", interval, INTERVALS);
    boolean quarters = "quarter".equals(step);
    List<Period> points = new ArrayList<>();
    LocalDate start = quarters ? quarterStart(range.from()) : range.from().withDayOfMonth(1);
    while (!start.isAfter(range.to())) {
      LocalDate next = start.plusMonths(quarters ? 3 : 1);
      if (points.size() == MAX_POINTS) {
        throw ApiException.badRequest(
            "The series would have more than " + MAX_POINTS + " points; shorten the range");
      }
      LocalDate from = start.isBefore(range.from()) ? range.from() : start;
      LocalDate last = next.minusDays(1);
      LocalDate to = last.isAfter(range.to()) ? range.to() : last;
      points.add(
          new Period(quarters ? quarterLabel(start) : YearMonth.from(start).toString(), from, to));
      start = next;
    }
    return points;
  }

  /** The first day of the twelve months that end on {@code end}. */
  static LocalDate twelveMonthsEndingOn(LocalDate end) {
    return end.minusMonths(12).plusDays(1);
  }

  private static LocalDate quarterStart(LocalDate day) {
    int firstMonth = (day.getMonthValue() - 1) / 3 * 3 + 1;
    return LocalDate.of(day.getYear(), firstMonth, 1);
  }

  private static String quarterLabel(LocalDate day) {
    return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
  }
}
