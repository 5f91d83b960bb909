package io.expansion.playbook.scoring;

/**
 * Published (as a Spring application event) when a score-card version becomes the active one, by
 * {@code POST /api/scoring/models/{version}/activate} or an activated calibration.
 */
public record ScoringModelActivated(String version) {}
