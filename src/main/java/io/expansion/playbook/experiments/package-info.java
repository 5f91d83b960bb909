/**
 * Experiments on a play's step and the global holdout (issue 13). {@link
 * io.expansion.playbook.experiments.ExperimentService} creates, stops and assigns: an account's arm
 * is a hash of its id and the experiment's salt into 10,000 buckets, stored at first exposure
 * (sticky). The {@code assign-experiment} task puts the arms into the journey ({@code variant}),
 * and the steps read them. {@link io.expansion.playbook.experiments.GlobalHoldout} keeps a share of
 * accounts free of every automated touch (the touch gate asks it). {@link
 * io.expansion.playbook.experiments.ExperimentResultsService} measures an experiment on the revenue
 * ledger: CUPED, Welch intervals, a confidence sequence, the sample-ratio check and guardrails.
 */
package io.expansion.playbook.experiments;
