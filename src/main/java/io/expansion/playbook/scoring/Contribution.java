package io.expansion.playbook.scoring;

/**
 * One factor's share of a health score.
 *
 * @param group {@code baseline}, {@code primary} (milestones, usage, utilisation), {@code
 *     secondary} (NPS, support, invoices, champion) or {@code profile} (what the book says)
 * @param input the factor's input value ({@code null} when the account has none)
 * @param weight the configured weight, or the fitted log-odds of the bin for a calibrated factor
 * @param bin the calibrated bin the input fell in ({@code null} for configured factors)
 * @param points health points this factor adds (negative: takes away)
 * @param source {@code config} (stage weights) or {@code calibrated} (fitted from outcomes)
 */
public record Contribution(
    String factor,
    String group,
    Object input,
    Double weight,
    String bin,
    int points,
    String source) {}
