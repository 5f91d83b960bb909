/**
 * Scoring: health, value, usage and intent of an account, each explainable as named factor
 * contributions, computed by the {@code score-account} worker before segmentation.
 */
package io.expansion.playbook.scoring;
