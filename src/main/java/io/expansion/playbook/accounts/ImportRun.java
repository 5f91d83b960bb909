package io.expansion.playbook.accounts;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One import run as {@code GET /api/imports/{id}} shows it.
 *
 * @param state {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param errors the first rejected rows (line, column, reason)
 * @param message why a run failed as a whole
 */
public record ImportRun(
    String id,
    String mapping,
    String fileName,
    String state,
    int rowsRead,
    int imported,
    int updated,
    int unchanged,
    int rejected,
    List<ImportError> errors,
    String message,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    Long durationMs) {

  public static final String QUEUED = "QUEUED";
  public static final String RUNNING = "RUNNING";
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";
}
