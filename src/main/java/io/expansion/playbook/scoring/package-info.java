/**
 * Scoring: health per lifecycle stage as named factor contributions (configured stage weights or a
 * score card calibrated from churn outcomes, both versioned in {@code scoring_models}), the history
 * of every scoring ({@code health_scores}), the {@link io.expansion.playbook.scoring.HealthScored}
 * event, value/usage/intent scores, and the {@code score-account} worker before segmentation.
 */
package io.expansion.playbook.scoring;
