package io.expansion.playbook.accounts;

/**
 * Outcome of one book import.
 *
 * @param rowsRead data rows read from the file (header excluded)
 * @param imported accounts inserted by this run
 * @param skipped rows whose account already existed
 */
public record ImportResult(int rowsRead, int imported, int skipped) {}
