package io.expansion.playbook.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one target value is obtained from a CSV row in a {@link BookMapping}: from a {@code column},
 * a constant {@code value} or a {@code template}; then the {@code map} of source values (with
 * {@code otherwise} for values not in it), {@code nullValues} and {@code default}; then the {@code
 * type} conversion with its checks. Account fields may instead be derived: {@code fromProducts},
 * {@code countProducts}, {@code termMonths} (renewal date) and {@code roundRobin} (owner CSM).
 *
 * <p>Templates hold placeholders {@code {row}} (1-based data row), {@code {id}} (account id),
 * {@code {n}} (round-robin number) or a column name, each optionally formatted: {@code {row:%04d}},
 * {@code {id:lower}}, {@code {Email:upper}}.
 */
public record ValueSpec(
    String column,
    String value,
    String template,
    Map<String, String> map,
    String otherwise,
    List<String> nullValues,
    @JsonProperty("default") String defaultValue,
    Boolean required,
    String type,
    Integer scale,
    BigDecimal min,
    BigDecimal max,
    List<String> trueValues,
    List<String> falseValues,
    String dateFormat,
    Map<String, String> fromProducts,
    List<String> countProducts,
    ValueSpec termMonths,
    Integer roundRobin) {

  static final List<String> DEFAULT_NULLS = List.of("", "NA", "N/A");
  private static final Set<String> TYPES =
      Set.of("string", "integer", "decimal", "boolean", "flag", "date");
  private static final List<String> TRUE = List.of("true", "yes", "y", "1");
  private static final List<String> FALSE = List.of("false", "no", "n", "0");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}:]+)(?::([^{}]+))?}");

  /** Checks the spec itself (called once when the mapping is loaded). */
  void check(String field) {
    int sources =
        (column != null ? 1 : 0)
            + (value != null ? 1 : 0)
            + (template != null ? 1 : 0)
            + (fromProducts != null ? 1 : 0)
            + (countProducts != null ? 1 : 0)
            + (termMonths != null ? 1 : 0);
    if (sources > 1) {
      throw new IllegalArgumentException(
          "Mapping field '" + field + "' has more than one source (column/value/template/derived)");
    }
    if (type != null && !TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "Mapping field '" + field + "' has unknown type '" + type + "'; known types: " + TYPES);
    }
    if (dateFormat != null) {
      DateTimeFormatter.ofPattern(dateFormat);
    }
    if (termMonths != null) {
      termMonths.check(field + ".termMonths");
    }
  }

  /** Columns this spec reads (for the up-front header check). */
  List<String> columns() {
    List<String> columns = new ArrayList<>();
    if (column != null) {
      columns.add(column);
    }
    if (template != null) {
      Matcher m = PLACEHOLDER.matcher(template);
      while (m.find()) {
        if (!Set.of("row", "id", "n").contains(m.group(1))) {
          columns.add(m.group(1));
        }
      }
    }
    if (termMonths != null) {
      columns.addAll(termMonths.columns());
    }
    return columns;
  }

  /** The column errors are reported against: the source column, else the target field. */
  String label(String field) {
    return column != null ? column : field;
  }

  /**
   * Evaluates the spec for one row.
   *
   * @param defaultType the conversion when the spec names no {@code type}
   * @return a String, Integer, BigDecimal, Boolean or LocalDate; {@code null} when empty
   * @throws RowException naming the column and the problem
   */
  Object evaluate(RowContext row, String field, String defaultType) {
    String raw = source(row);
    if (raw != null) {
      raw = raw.trim();
    }
    List<String> nulls = nullValues != null ? nullValues : DEFAULT_NULLS;
    if (raw != null && nulls.contains(raw)) {
      raw = null;
    }
    if (raw != null && map != null) {
      if (map.containsKey(raw)) {
        raw = map.get(raw);
      } else if (otherwise != null) {
        raw = otherwise;
      } else {
        throw row.invalid(
            label(field),
            "unexpected value '" + raw + "'; expected one of " + String.join(", ", map.keySet()));
      }
    }
    if (raw == null || raw.isEmpty()) {
      raw = defaultValue;
    }
    if (raw == null || raw.isEmpty()) {
      if (Boolean.TRUE.equals(required)) {
        throw row.invalid(label(field), "a value is required");
      }
      return null;
    }
    return convert(raw, type != null ? type : defaultType, row, label(field));
  }

  private String source(RowContext row) {
    if (column != null) {
      return row.get(column);
    }
    if (value != null) {
      return value;
    }
    if (template != null) {
      return fill(row);
    }
    return null;
  }

  private String fill(RowContext row) {
    StringBuilder out = new StringBuilder(32);
    for (Part part : TEMPLATES.computeIfAbsent(template, ValueSpec::parts)) {
      if (part.name() == null) {
        out.append(part.text());
        continue;
      }
      Object v =
          switch (part.name()) {
            case "row" -> row.rowNumber();
            case "id" -> row.accountId();
            case "n" -> row.roundRobin(roundRobin == null ? 1 : roundRobin);
            default -> row.get(part.name());
          };
      out.append(format(v, part.text()));
    }
    return out.toString();
  }

  /** A literal ({@code name == null}) or a placeholder with its format. */
  private record Part(String name, String text) {}

  private static final Map<String, List<Part>> TEMPLATES = new ConcurrentHashMap<>();
  private static final Pattern ZERO_PADDED = Pattern.compile("%0(\\d{1,2})d");

  private static List<Part> parts(String template) {
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        parts.add(new Part(null, template.substring(last, m.start())));
      }
      parts.add(new Part(m.group(1), m.group(2)));
      last = m.end();
    }
    if (last < template.length()) {
      parts.add(new Part(null, template.substring(last)));
    }
    return List.copyOf(parts);
  }

  private static String format(Object v, String format) {
    if (v == null) {
      return "";
    }
    if (format == null) {
      return v.toString();
    }
    switch (format) {
      case "lower":
        return v.toString().toLowerCase(Locale.ROOT);
      case "upper":
        return v.toString().toUpperCase(Locale.ROOT);
      default:
        break;
    }
    Matcher padded = ZERO_PADDED.matcher(format);
    if (v instanceof Long n && n >= 0 && padded.matches()) {
      String digits = Long.toString(n);
      int width = Integer.parseInt(padded.group(1));
      return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
    return String.format(Locale.ROOT, format, v);
  }

  private Object convert(String raw, String kind, RowContext row, String label) {
    return switch (kind) {
      case "integer" -> inRange(wholeNumber(raw, row, label), raw, row, label);
      case "decimal" -> inRange(decimal(raw, row, label), raw, row, label);
      case "boolean" -> bool(raw, row, label);
      case "flag" -> flag(raw, row, label);
      case "date" -> date(raw, row, label);
      default -> raw;
    };
  }

  private static Integer wholeNumber(String raw, RowContext row, String label) {
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw row.invalid(label, "invalid value '" + raw + "' (expected a whole number)");
    }
  }

  private BigDecimal decimal(String raw, RowContext row, String label) {
    try {
      BigDecimal d = new BigDecimal(raw);
      return scale == null ? d : d.setScale(scale, RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      throw row.invalid(label, "invalid value '" + raw + "' (expected a number)");
    }
  }

  private <N extends Number> N inRange(N n, String raw, RowContext row, String label) {
    BigDecimal d = new BigDecimal(n.toString());
    if (min != null && d.compareTo(min) < 0) {
      throw row.invalid(label, "invalid value '" + raw + "' (must be at least " + min + ")");
    }
    if (max != null && d.compareTo(max) > 0) {
      throw row.invalid(label, "invalid value '" + raw + "' (must be at most " + max + ")");
    }
    return n;
  }

  private Boolean bool(String raw, RowContext row, String label) {
    List<String> yes = trueValues != null ? trueValues : TRUE;
    List<String> no = falseValues != null ? falseValues : FALSE;
    if (yes.stream().anyMatch(raw::equalsIgnoreCase)) {
      return true;
    }
    if (no.stream().anyMatch(raw::equalsIgnoreCase)) {
      return false;
    }
    throw row.invalid(
        label,
        "invalid value '"
            + raw
            + "' (expected "
            + String.join(" / ", yes)
            + " or "
            + String.join(" / ", no)
            + ")");
  }

  private static Integer flag(String raw, RowContext row, String label) {
    return switch (raw) {
      case "1" -> 1;
      case "0" -> 0;
      default -> throw row.invalid(label, "invalid value '" + raw + "' (expected 0 or 1)");
    };
  }

  private LocalDate date(String raw, RowContext row, String label) {
    try {
      return dateFormat == null
          ? LocalDate.parse(raw)
          : LocalDate.parse(raw, DateTimeFormatter.ofPattern(dateFormat, Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw row.invalid(
          label,
          "invalid value '"
              + raw
              + "' (expected a date like "
              + (dateFormat == null ? "2026-03-31" : dateFormat)
              + ")");
    }
  }
}
