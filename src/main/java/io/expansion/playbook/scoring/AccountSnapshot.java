package io.expansion.playbook.scoring;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.signals.Signal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a score is computed from.
 *
 * @param attributes the account's imported attributes (e.g. {@code payment_method})
 * @param signals the account's signals within the signal window, newest first
 */
public record AccountSnapshot(
    Account account,
    Map<String, Object> attributes,
    Set<String> products,
    List<Signal> signals,
    OffsetDateTime now) {}
