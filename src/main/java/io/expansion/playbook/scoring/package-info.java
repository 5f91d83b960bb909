/**
 * Scoring: health per lifecycle stage as named factor contributions (configured stage weights, or a
 * model calibrated from churn outcomes — a binned score card or XGBoost trees explained by their
 * SHAP values, with derived factors found automatically — all versioned in {@code scoring_models}),
 * the history of every scoring ({@code health_scores}), the {@link
 * io.expansion.playbook.scoring.HealthScored} event, value/usage/intent scores, and the {@code
 * score-account} worker before segmentation.
 */
package io.expansion.playbook.scoring;
