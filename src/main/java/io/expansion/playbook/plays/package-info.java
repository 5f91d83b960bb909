/**
 * Plays around the expansion loop — health remediation, win-back, onboarding and renewal — their
 * triggers, the watch list, and the arbitration that decides which play may act on an account when
 * several want it (default: retention rescue > renewal > onboarding > expansion).
 */
package io.expansion.playbook.plays;
