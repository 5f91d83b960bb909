package io.expansion.playbook.scoring;

import java.util.Map;

/**
 * Scores of an account (0–100 each) and the factor contributions behind health.
 *
 * @param renewalWindowAt when the next renewal window opens (ISO date-time), for the journey timer
 * @param healthFactors health points per factor (their sum, clamped to 0..100, is {@code health})
 * @param healthModelVersion the score-card version that computed health
 * @param churnProbability churn probability of a calibrated score card; {@code null} otherwise
 */
public record AccountScores(
    int health,
    int valueScore,
    int usageScore,
    int intentScore,
    double utilisation,
    String lifecycleStage,
    String renewalWindowAt,
    Map<String, Integer> healthFactors,
    String healthModelVersion,
    Double churnProbability) {}
