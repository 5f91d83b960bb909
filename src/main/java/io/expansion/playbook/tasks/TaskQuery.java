package io.expansion.playbook.tasks;

import io.expansion.playbook.web.ApiException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A search of the inbox: filters (all optional) and one sort order.
 *
 * @param status {@link UserTask#OPEN}, {@link UserTask#COMPLETED} or {@link UserTask#CANCELED}
 * @param dueBefore tasks due before this moment (exclusive); tasks without a due date never match
 * @param dueAfter tasks due after this moment (exclusive)
 * @param sort {@code dueDate}, {@code priority} or {@code createdAt}
 * @param limit at most this many tasks, or {@code null} for all
 */
public record TaskQuery(
    String accountId,
    String assignee,
    String candidateGroup,
    String status,
    String processId,
    OffsetDateTime dueBefore,
    OffsetDateTime dueAfter,
    String sort,
    boolean descending,
    Integer limit) {

  /** Sortable fields and their columns. */
  static final Map<String, String> SORTS =
      Map.of("dueDate", "due_date", "priority", "priority", "createdAt", "created_at");

  static final List<String> STATES = List.of("open", "completed", "canceled");

  /** Open tasks of any kind, oldest first (the inbox's default). */
  public static TaskQuery open(String accountId, String candidateGroup, String assignee) {
    return new TaskQuery(
        accountId,
        assignee,
        candidateGroup,
        UserTask.OPEN,
        null,
        null,
        null,
        "createdAt",
        false,
        null);
  }

  /**
   * Parses the request parameters of {@code GET /api/tasks}.
   *
   * @param sort {@code field} or {@code field,asc|desc}
   * @param order {@code asc} or {@code desc} (when {@code sort} gives none)
   * @param processIds the deployed processes, to refuse an unknown {@code processId}
   * @throws ApiException 400 naming the bad parameter and value
   */
  public static TaskQuery parse(
      String accountId,
      String assignee,
      String candidateGroup,
      String state,
      String processId,
      String dueBefore,
      String dueAfter,
      String sort,
      String order,
      Integer limit,
      List<String> processIds) {
    String status = state == null || state.isBlank() ? "open" : state.toLowerCase(Locale.ROOT);
    if (!STATES.contains(status)) {
      throw ApiException.badRequest(
          "Unknown state '" + state + "': expected one of " + String.join(", ", STATES));
    }
    if (processId != null && !processIds.contains(processId)) {
      throw ApiException.badRequest(
          "Unknown processId '" + processId + "': expected one of " + processIds);
    }
    String field = "createdAt";
    String direction = order;
    if (sort != null && !sort.isBlank()) {
      String[] parts = sort.split(",", -1);
      field = parts[0].trim();
      if (parts.length > 2) {
        throw ApiException.badRequest("Bad sort '" + sort + "': expected field or field,asc|desc");
      }
      if (parts.length == 2) {
        direction = parts[1].trim();
      }
    }
    if (!SORTS.containsKey(field)) {
      throw ApiException.badRequest(
          "Unknown sort field '" + field + "': expected one of dueDate, priority, createdAt");
    }
    String dir =
        direction == null || direction.isBlank() ? "asc" : direction.toLowerCase(Locale.ROOT);
    if (!dir.equals("asc") && !dir.equals("desc")) {
      throw ApiException.badRequest("Unknown sort order '" + direction + "': expected asc or desc");
    }
    if (limit != null && (limit < 1 || limit > 10000)) {
      throw ApiException.badRequest("limit must be between 1 and 10000, not " + limit);
    }
    OffsetDateTime before = moment("dueBefore", dueBefore);
    OffsetDateTime after = moment("dueAfter", dueAfter);
    if (before != null && after != null && !after.isBefore(before)) {
      throw ApiException.badRequest(
          "dueAfter (" + dueAfter + ") must be before dueBefore (" + dueBefore + ")");
    }
    return new TaskQuery(
        blankToNull(accountId),
        blankToNull(assignee),
        blankToNull(candidateGroup),
        status.toUpperCase(Locale.ROOT),
        processId,
        before,
        after,
        field,
        dir.equals("desc"),
        limit);
  }

  /** An ISO date-time with offset, or an ISO date (its start, UTC). */
  private static OffsetDateTime moment(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException notADateTime) {
      try {
        return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(
            "Bad "
                + parameter
                + " '"
                + value
                + "': expected an ISO date-time with offset (2026-12-01T09:00:00Z) or a date"
                + " (2026-12-01)");
      }
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
