/**
 * Contacts of an account and their per-channel consent ({@code email}, {@code in_app}, {@code csm},
 * {@code sms}); outreach must only use channels a contact has opted in to.
 */
package io.expansion.playbook.consent;
