package io.expansion.playbook.journeys;

import java.time.OffsetDateTime;

/** A journey as stored: the account, the process, where it stands and why it ended. */
public record Journey(
    String id,
    String accountId,
    String processId,
    String status,
    Long processInstanceKey,
    String currentElement,
    String checkpointElement,
    String variables,
    String endReason,
    OffsetDateTime startedAt,
    OffsetDateTime updatedAt,
    OffsetDateTime endedAt) {

  public static final String ACTIVE = "ACTIVE";
  public static final String ENDED = "ENDED";
  public static final String FAILED = "FAILED";
}
