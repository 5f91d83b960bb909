/**
 * Signals: what customers do (usage, intent, support, renewals). Each is validated, stored once
 * (idempotency key) and handed to the account's journey, which decides whether it qualifies.
 */
package io.expansion.playbook.signals;
