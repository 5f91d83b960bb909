/**
 * Delivery of touches and the answers that come back: the outbox relay (exactly once, in order per
 * contact, with retries and backoff) and its channels (email over SMTP or into the local mailbox,
 * in-app pull, signed webhook); the in-app and unsubscribe APIs; the answer signals routed to the
 * touch and the expansion journey waiting for it.
 */
package io.expansion.playbook.delivery;
