package io.expansion.playbook.accounts;

import java.util.List;

/**
 * Outcome of one book import.
 *
 * @param rowsRead data rows read from the file (header excluded)
 * @param imported accounts inserted by this run
 * @param updated existing accounts whose source row changed, updated by this run
 * @param unchanged rows whose account already holds exactly this row's content
 * @param rejected rows not imported (see {@code errors})
 * @param errors the first rejected rows with line, column and reason
 * @param durationMs wall time of the run
 */
public record ImportResult(
    int rowsRead,
    int imported,
    int updated,
    int unchanged,
    int rejected,
    List<ImportError> errors,
    long durationMs) {

  /** The counts in one line, for logs. */
  public String summary() {
    return durationMs
        + " ms: "
        + rowsRead
        + " rows read, "
        + imported
        + " imported, "
        + updated
        + " updated, "
        + unchanged
        + " unchanged, "
        + rejected
        + " rejected";
  }
}
