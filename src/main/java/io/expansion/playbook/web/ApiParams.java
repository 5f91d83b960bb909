package io.expansion.playbook.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query parameters read by hand, so a bad one is refused with a 400 naming it. */
public final class ApiParams {

  private ApiParams() {}

  /**
   * An ISO date ({@code yyyy-MM-dd}); {@code null} when absent or blank.
   *
   * @throws ApiException 400 naming the parameter and the value
   */
  public static LocalDate date(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "Invalid date '" + value + "' for '" + name + "': expected an ISO date like 2026-01-31");
    }
  }

  /**
   * One of the allowed values; {@code null} when absent or blank.
   *
   * @throws ApiException 400 naming the parameter, the value and what is allowed
   */
  public static String oneOf(String name, String value, List<String> allowed) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!allowed.contains(value)) {
      throw ApiException.badRequest(
          "Unknown " + name + " '" + value + "'; expected one of " + String.join(", ", allowed));
    }
    return value;
  }

  /**
   * Checks that {@code from} is not after {@code to} (either may be {@code null}).
   *
   * @throws ApiException 400 naming both dates
   */
  public static void ordered(LocalDate from, LocalDate to) {
    if (from != null && to != null && from.isAfter(to)) {
      throw ApiException.badRequest("'from' (" + from + ") is after 'to' (" + to + ")");
    }
  }

  /**
   * Checks a page request.
   *
   * @throws ApiException 400 when page is negative or size outside 1..maxSize
   */
  public static void page(int page, int size, int maxSize) {
    if (page < 0 || size < 1 || size > maxSize) {
      throw ApiException.badRequest("page must be >= 0 and size between 1 and " + maxSize);
    }
  }
}
