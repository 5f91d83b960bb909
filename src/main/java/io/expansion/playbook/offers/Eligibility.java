package io.expansion.playbook.offers;

import java.util.List;
import java.util.Map;

/**
 * Which offers an account may get now.
 *
 * @param eligible at least one offer may be proposed
 * @param noUpsell the account must get no upsell at all (at-risk, low-fit): the journey ends
 * @param offers codes of the eligible offers
 * @param excluded why each other catalog offer was excluded
 */
public record Eligibility(
    boolean eligible,
    boolean noUpsell,
    String reason,
    List<String> offers,
    Map<String, String> excluded) {}
