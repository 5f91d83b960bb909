package io.expansion.playbook.experiments;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Metrics an experiment can be measured on, per exposed account over its window. */
public enum Metric {
  /** Primary: expansion MRR from the revenue ledger (sum of {@code expansion} movements). */
  EXPANSION_MRR("expansion-mrr", false, true),
  /** Guardrail: share of accounts with a {@code churn} movement (lower is better). */
  CHURN("churn", true, false),
  /** Guardrail: discount given / list price over the quotes made (a ratio, lower is better). */
  DISCOUNT_GIVEN("discount-given", true, false),
  /** Guardrail: touches per account (lower is better). */
  TOUCHES_PER_ACCOUNT("touches-per-account", true, false);

  private final String code;
  private final boolean guardrail;
  private final boolean primary;

  Metric(String code, boolean guardrail, boolean primary) {
    this.code = code;
    this.guardrail = guardrail;
    this.primary = primary;
  }

  public String code() {
    return code;
  }

  public static Optional<Metric> primary(String code) {
    return Arrays.stream(values()).filter(m -> m.primary && m.code.equals(code)).findFirst();
  }

  public static Optional<Metric> guardrail(String code) {
    return Arrays.stream(values()).filter(m -> m.guardrail && m.code.equals(code)).findFirst();
  }

  public static List<String> primaryCodes() {
    return Arrays.stream(values()).filter(m -> m.primary).map(Metric::code).toList();
  }

  public static List<String> guardrailCodes() {
    return Arrays.stream(values()).filter(m -> m.guardrail).map(Metric::code).toList();
  }
}
