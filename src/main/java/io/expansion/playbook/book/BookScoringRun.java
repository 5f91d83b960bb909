package io.expansion.playbook.book;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One whole-book scoring run as {@code GET /api/book/scorings/{id}} shows it.
 *
 * @param trigger what asked for it: {@code import:<id>}, {@code model:<version>}, {@code
 *     segmentation-deployed}, {@code schedule}, {@code api}, {@code benchmark}
 * @param requestedBy the person who asked for it over the API, when known
 * @param state {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param progress accounts scored ÷ accounts in the book, 0..1
 * @param healthChanged accounts whose scoring differed from their latest one (a history row each)
 * @param segmentChanged accounts whose segment changed (a segment history row and a decision each)
 * @param segments accounts per segment
 * @param actions next best actions per outcome ({@code offer}, {@code at-risk}, ...)
 */
public record BookScoringRun(
    String id,
    String trigger,
    String requestedBy,
    String state,
    String modelVersion,
    String segmentationHash,
    int accountsTotal,
    int accountsScored,
    double progress,
    int healthChanged,
    int segmentChanged,
    Map<String, Integer> segments,
    Map<String, Integer> actions,
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
