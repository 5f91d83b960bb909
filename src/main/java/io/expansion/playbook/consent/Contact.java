package io.expansion.playbook.consent;

/**
 * One row of {@code contacts}.
 *
 * @param email may be {@code null}
 * @param primary whether this is the account's primary contact
 */
public record Contact(
    String id, String accountId, String name, String email, String role, boolean primary) {}
