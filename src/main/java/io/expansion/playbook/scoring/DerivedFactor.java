package io.expansion.playbook.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A factor computed from others: the sum of columns that share a unit ({@code total charge = day +
 * eve + night + intl charge}), the ratio of two of them, a column per month of tenure, or the
 * combination of two categorical columns. Missing inputs give a missing value.
 *
 * @param name the factor's name, as contributions and decisions show it
 * @param description how it is computed, readably
 * @param kind {@code sum}, {@code ratio}, {@code rate} (per month of tenure) or {@code pair}
 * @param inputs the factors it is computed from (for a rate: the column, then the tenure)
 */
public record DerivedFactor(String name, String description, String kind, List<String> inputs) {

  public static final String SUM = "sum";
  public static final String RATIO = "ratio";
  public static final String RATE = "rate";
  public static final String PAIR = "pair";

  /** The factor's value for an account's factor values. */
  public Object value(Map<String, Object> features) {
    switch (kind) {
      case SUM -> {
        double sum = 0;
        for (String input : inputs) {
          if (!(features.get(input) instanceof Number n)) {
            return null;
          }
          sum += n.doubleValue();
        }
        return sum;
      }
      case RATIO, RATE -> {
        if (!(features.get(inputs.get(0)) instanceof Number a)
            || !(features.get(inputs.get(1)) instanceof Number b)) {
          return null;
        }
        double divisor = RATE.equals(kind) ? Math.max(1, b.doubleValue()) : b.doubleValue();
        return divisor == 0 ? null : round(a.doubleValue() / divisor);
      }
      case PAIR -> {
        Object a = features.get(inputs.get(0));
        Object b = features.get(inputs.get(1));
        return a == null || b == null ? null : a + " & " + b;
      }
      default -> throw new IllegalStateException("Unknown derived factor kind " + kind);
    }
  }

  /** The factor values with the derived ones added (the given map is left as it is). */
  public static Map<String, Object> withDerived(
      Map<String, Object> features, List<DerivedFactor> derived) {
    if (derived == null || derived.isEmpty()) {
      return features;
    }
    Map<String, Object> all = new LinkedHashMap<>(features);
    for (DerivedFactor factor : derived) {
      all.put(factor.name(), factor.value(all));
    }
    return all;
  }

  /** {@code total charge = day + eve + night + intl charge} for columns sharing a last word. */
  static DerivedFactor sum(List<String> columns) {
    List<List<String>> words = columns.stream().map(DerivedFactor::words).toList();
    int prefix = commonPrefix(words);
    int suffix = commonSuffix(words, prefix);
    List<String> first = words.get(0);
    String unit = String.join(" ", first.subList(first.size() - suffix, first.size()));
    String lead = String.join(" ", first.subList(0, prefix));
    String name = (lead.isEmpty() || !lead.startsWith("total") ? "total " : "") + join(lead, unit);
    String parts =
        String.join(
            " + ",
            words.stream()
                .map(w -> String.join(" ", w.subList(prefix, w.size() - suffix)))
                .toList());
    return new DerivedFactor(name, name + " = " + parts + " " + unit, SUM, List.copyOf(columns));
  }

  /** {@code day / eve charge = day charge / eve charge}. */
  static DerivedFactor ratio(String a, String b) {
    List<List<String>> words = List.of(words(a), words(b));
    int prefix = commonPrefix(words);
    int suffix = commonSuffix(words, prefix);
    List<String> wa = words.get(0);
    List<String> wb = words.get(1);
    String unit = String.join(" ", wa.subList(wa.size() - suffix, wa.size()));
    String name =
        join(
            String.join(" ", wa.subList(prefix, wa.size() - suffix))
                + " / "
                + String.join(" ", wb.subList(prefix, wb.size() - suffix)),
            unit);
    return new DerivedFactor(
        name, name + " = " + readable(a) + " / " + readable(b), RATIO, List.of(a, b));
  }

  /** {@code total charges per month = total charges / tenure months}. */
  static DerivedFactor rate(String column, String tenure) {
    String name = readable(column) + " per month";
    return new DerivedFactor(
        name,
        name + " = " + readable(column) + " / " + readable(tenure) + " (at least 1)",
        RATE,
        List.of(column, tenure));
  }

  /** {@code contract type × internet service}: each combination of the two is its own category. */
  static DerivedFactor pair(String a, String b) {
    String name = readable(a) + " × " + readable(b);
    return new DerivedFactor(
        name,
        name + " = each combination of " + readable(a) + " and " + readable(b),
        PAIR,
        List.of(a, b));
  }

  /** A factor name as words: prefixes such as {@code attributes.} dropped, {@code _} as spaces. */
  static String readable(String factor) {
    return String.join(" ", words(factor));
  }

  static List<String> words(String factor) {
    String bare = factor;
    for (String prefix :
        List.of(ProfileFeatures.ATTRIBUTE_PREFIX, ProfileFeatures.PRODUCT_PREFIX)) {
      if (bare.startsWith(prefix)) {
        bare = bare.substring(prefix.length());
      }
    }
    return List.of(bare.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
  }

  /** The last word of a column name (its unit, e.g. {@code charge}, {@code minutes}). */
  static String unit(String factor) {
    List<String> words = words(factor);
    return words.get(words.size() - 1);
  }

  private static int commonPrefix(List<List<String>> words) {
    int n = 0;
    while (true) {
      for (List<String> w : words) {
        if (w.size() <= n + 1 || !w.get(n).equals(words.get(0).get(n))) {
          return n;
        }
      }
      n++;
    }
  }

  private static int commonSuffix(List<List<String>> words, int prefix) {
    int n = 0;
    while (true) {
      for (List<String> w : words) {
        List<String> first = words.get(0);
        if (w.size() - n - 1 <= prefix
            || !w.get(w.size() - 1 - n).equals(first.get(first.size() - 1 - n))) {
          return n;
        }
      }
      n++;
    }
  }

  private static String join(String a, String b) {
    return (a + " " + b).trim();
  }

  private static double round(double value) {
    return Math.round(value * 1_000_000) / 1_000_000.0;
  }
}
