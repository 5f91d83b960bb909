package io.expansion.playbook.accounts;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CSV row mapped to what it stores: the account, its products and contacts with consents.
 *
 * @param hash SHA-256 of the mapping and the row's cells: an unchanged hash means nothing to update
 */
record MappedRow(
    long line, Account account, Set<String> products, List<MappedContact> contacts, String hash) {

  /** A contact and its consent per channel. */
  record MappedContact(
      String id,
      String name,
      String email,
      String role,
      boolean primary,
      Map<String, Consent> consents) {}

  /** Consent for one channel and where it came from. */
  record Consent(boolean optedIn, String source) {}
}
