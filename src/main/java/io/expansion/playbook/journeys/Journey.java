package io.expansion.playbook.journeys;

import java.time.OffsetDateTime;

/**
 * A journey as stored: the account, the process and the stored version of it the journey runs on
 * (null for journeys started before versions were kept), where it stands and why it ended.
 */
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
    OffsetDateTime endedAt,
    Integer processVersion) {

  public static final String ACTIVE = "ACTIVE";
  public static final String ENDED = "ENDED";
  public static final String FAILED = "FAILED";
}
