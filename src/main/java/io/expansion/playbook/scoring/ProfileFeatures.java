package io.expansion.playbook.scoring;

import io.expansion.playbook.accounts.Account;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The raw factor values calibration fits and a calibrated score card reads: the account's own
 * columns, one yes/no factor per product, every imported attribute except protected ones, and the
 * signal of each primary and secondary health factor. Works for any imported book.
 */
final class ProfileFeatures {

  static final String PRODUCT_PREFIX = "products.";
  static final String ATTRIBUTE_PREFIX = "attributes.";

  private ProfileFeatures() {}

  /** Normalises an attribute name for comparison with the protected list. */
  static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  static Set<String> normalised(Collection<String> names) {
    return names.stream().map(ProfileFeatures::normalise).collect(Collectors.toSet());
  }

  /**
   * @param protectedNames normalised names of attributes never used
   * @param productUniverse product codes that get a yes/no factor
   */
  static Map<String, Object> of(
      AccountSnapshot s, Set<String> protectedNames, Collection<String> productUniverse) {
    Account a = s.account();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("contract_type", a.contractType());
    f.put("tenure_months", (double) a.tenureMonths());
    f.put("mrr", a.mrr() == null ? null : a.mrr().doubleValue());
    f.put("seats", (double) a.seats());
    f.put("licences_used", (double) a.licencesUsed());
    f.put("plan_tier", a.planTier());
    for (String code : new java.util.TreeSet<>(productUniverse)) {
      f.put(PRODUCT_PREFIX + code, s.products().contains(code) ? "yes" : "no");
    }
    new TreeMap<>(s.attributes())
        .forEach(
            (key, value) -> {
              if (!protectedNames.contains(normalise(key))) {
                f.put(ATTRIBUTE_PREFIX + key, scalar(value));
              }
            });
    for (HealthFactors.Input input : HealthFactors.inputs(s)) {
      if (!HealthFactors.PROFILE.equals(input.group())) {
        f.put(input.factor(), input.signal());
      }
    }
    return f;
  }

  private static Object scalar(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    if (value instanceof String text) {
      return text.isBlank() ? null : text;
    }
    return null;
  }
}
