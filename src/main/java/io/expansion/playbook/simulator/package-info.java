/**
 * The simulator: plays days of customer behaviour (signals, answers to touches, CSM work) through
 * the real engine and workers, in a Spring context of its own with its own in-memory database and
 * one pinned clock for engine and app, and reports KPIs, experiments and the holdout.
 */
package io.expansion.playbook.simulator;
