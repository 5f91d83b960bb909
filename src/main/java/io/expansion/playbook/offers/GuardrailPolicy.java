package io.expansion.playbook.offers;

import java.math.BigDecimal;

/**
 * The active guardrails of the expansion playbook (align).
 *
 * @param marginFloor minimum margin after discount, across the catalog
 * @param maxDiscount largest discount any quote may carry
 * @param approvalThreshold discounts above this need a manager's approval
 * @param cooldownDays days an offer is not proposed again after a decline
 * @param maxTouches most touches per account within {@code touchWindowDays}
 * @param approvalSla ISO-8601 duration before an approval escalates
 * @param proveValueSla ISO-8601 duration before an unanswered value review expires
 */
public record GuardrailPolicy(
    int version,
    BigDecimal marginFloor,
    BigDecimal maxDiscount,
    BigDecimal approvalThreshold,
    int cooldownDays,
    int maxTouches,
    int touchWindowDays,
    String approvalSla,
    String proveValueSla) {}
