package io.expansion.playbook.signals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One attribute a signal type accepts: its kind, whether it is required, and its range or allowed
 * values.
 *
 * @param min inclusive lower bound for numbers; {@code null} when unbounded
 * @param max inclusive upper bound for numbers; {@code null} when unbounded
 * @param allowed allowed values of an {@code enum} attribute; empty otherwise
 */
public record AttributeSpec(
    String name,
    Kind kind,
    boolean required,
    BigDecimal min,
    BigDecimal max,
    List<String> allowed,
    String description) {

  /** The value kinds: whole numbers, numbers, text, ISO dates and one of a list. */
  public enum Kind {
    INTEGER,
    NUMBER,
    STRING,
    DATE,
    ENUM
  }

  static AttributeSpec integer(String name, boolean required, Integer min, Integer max, String d) {
    return new AttributeSpec(
        name,
        Kind.INTEGER,
        required,
        min == null ? null : BigDecimal.valueOf(min),
        max == null ? null : BigDecimal.valueOf(max),
        List.of(),
        d);
  }

  static AttributeSpec number(String name, boolean required, String min, String max, String d) {
    return new AttributeSpec(
        name,
        Kind.NUMBER,
        required,
        min == null ? null : new BigDecimal(min),
        max == null ? null : new BigDecimal(max),
        List.of(),
        d);
  }

  static AttributeSpec text(String name, boolean required, String d) {
    return new AttributeSpec(name, Kind.STRING, required, null, null, List.of(), d);
  }

  static AttributeSpec date(String name, boolean required, String d) {
    return new AttributeSpec(name, Kind.DATE, required, null, null, List.of(), d);
  }

  static AttributeSpec oneOf(String name, boolean required, List<String> allowed, String d) {
    return new AttributeSpec(name, Kind.ENUM, required, null, null, List.copyOf(allowed), d);
  }

  /**
   * Checks a value and returns it in canonical form: whole numbers as {@link Integer} (or {@link
   * Long} when large), other numbers as {@link Double}, dates and text as strings. Numbers given as
   * text (as in CSV) are parsed.
   *
   * @throws IllegalArgumentException naming the attribute and what was expected
   */
  Object normalise(Object value) {
    return switch (kind) {
      case INTEGER -> inRange(wholeNumber(value));
      case NUMBER -> inRange(number(value));
      case STRING -> text(value);
      case DATE -> isoDate(value);
      case ENUM -> allowedValue(value);
    };
  }

  private Number wholeNumber(Object value) {
    BigDecimal n = decimal(value, "a whole number");
    try {
      long whole = n.stripTrailingZeros().longValueExact();
      if (whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE) {
        return Integer.valueOf((int) whole);
      }
      return Long.valueOf(whole);
    } catch (ArithmeticException e) {
      throw invalid(value, "a whole number");
    }
  }

  private Number number(Object value) {
    BigDecimal n = decimal(value, "a number");
    try {
      return n.stripTrailingZeros().intValueExact();
    } catch (ArithmeticException notWhole) {
      return n.doubleValue();
    }
  }

  private BigDecimal decimal(Object value, String expected) {
    if (value instanceof Number n) {
      try {
        return new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        throw invalid(value, expected);
      }
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw invalid(value, expected);
      }
    }
    throw invalid(value, expected);
  }

  private Number inRange(Number value) {
    BigDecimal n = new BigDecimal(value.toString());
    if ((min != null && n.compareTo(min) < 0) || (max != null && n.compareTo(max) > 0)) {
      throw invalid(value, range());
    }
    return value;
  }

  private String text(Object value) {
    if (value instanceof String s && !s.isBlank()) {
      if (s.length() > 500) {
        throw invalid(s.substring(0, 20) + "…", "text of at most 500 characters");
      }
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw invalid(value, "non-empty text");
  }

  private String isoDate(Object value) {
    if (value instanceof String s) {
      try {
        return LocalDate.parse(s.trim()).toString();
      } catch (DateTimeParseException e) {
        throw invalid(value, "an ISO date such as 2026-03-31");
      }
    }
    throw invalid(value, "an ISO date such as 2026-03-31");
  }

  private String allowedValue(Object value) {
    if (value instanceof String s && allowed.contains(s.trim())) {
      return s.trim();
    }
    throw invalid(value, "one of " + String.join(", ", allowed));
  }

  /** Human-readable range, e.g. {@code a number from 0 to 100}. */
  String range() {
    String what = kind == Kind.INTEGER ? "a whole number" : "a number";
    if (min != null && max != null) {
      return what + " from " + min.toPlainString() + " to " + max.toPlainString();
    }
    if (min != null) {
      return what + " >= " + min.toPlainString();
    }
    if (max != null) {
      return what + " <= " + max.toPlainString();
    }
    return what;
  }

  private IllegalArgumentException invalid(Object value, String expected) {
    String shown = value instanceof String ? "'" + value + "'" : String.valueOf(value);
    return new IllegalArgumentException(
        "Attribute '" + name + "' has invalid value " + shown + ": expected " + expected);
  }
}
