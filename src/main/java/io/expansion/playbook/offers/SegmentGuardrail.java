package io.expansion.playbook.offers;

import java.math.BigDecimal;

/**
 * Offer limits of one segment ({@code segment_guardrails}).
 *
 * @param approvalThreshold discounts above it need a manager; {@code null}: the global threshold
 * @param quotesAllowed false: accounts in the segment get no quote at all
 */
public record SegmentGuardrail(
    String segment,
    BigDecimal maxDiscount,
    BigDecimal approvalThreshold,
    boolean quotesAllowed,
    String rationale) {}
