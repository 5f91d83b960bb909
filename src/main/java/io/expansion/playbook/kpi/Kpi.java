package io.expansion.playbook.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * One KPI's figure. A ratio or an average has {@code value = numerator / denominator}, and {@code
 * value} is {@code null} when the denominator is 0; a sum or a count has {@code value = numerator}
 * and no denominator.
 *
 * @param breakdown counts behind the figure, for the KPIs that have one (else absent)
 */
public record Kpi(
    String key,
    String name,
    BigDecimal value,
    BigDecimal numerator,
    BigDecimal denominator,
    String unit,
    String definition,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> breakdown) {

  /** numerator / denominator; {@code null} when the denominator is 0. */
  static Kpi ratio(KpiDefinition d, BigDecimal numerator, BigDecimal denominator) {
    BigDecimal value =
        denominator.signum() == 0
            ? null
            : numerator.divide(denominator, d.unit().scale(), RoundingMode.HALF_UP);
    return new Kpi(
        d.key(), d.title(), value, numerator, denominator, d.unit().code(), d.definition(), null);
  }

  static Kpi ratio(KpiDefinition d, long numerator, long denominator) {
    return ratio(d, BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
  }

  /** A sum or a count: the value is the numerator. */
  static Kpi total(KpiDefinition d, BigDecimal total) {
    BigDecimal value = total.setScale(d.unit().scale(), RoundingMode.HALF_UP);
    return new Kpi(d.key(), d.title(), value, value, null, d.unit().code(), d.definition(), null);
  }

  static Kpi total(KpiDefinition d, long count) {
    return total(d, BigDecimal.valueOf(count));
  }

  Kpi withBreakdown(Map<String, Long> counts) {
    return new Kpi(
        key,
        name,
        value,
        numerator,
        denominator,
        unit,
        definition,
        java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(counts)));
  }
}
