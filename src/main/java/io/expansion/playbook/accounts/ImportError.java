package io.expansion.playbook.accounts;

/**
 * Why one CSV row was not imported.
 *
 * @param line line number in the file (the header is line 1)
 * @param column the column (or mapped field) at fault; {@code null} when the whole row is
 */
public record ImportError(long line, String column, String reason) {}
