/**
 * The decision log: one row per automated decision (rule, inputs, outcome, rationale), written by
 * every worker and shown in the account's history.
 */
package io.expansion.playbook.decisions;
