package io.expansion.playbook.journeys;

import java.time.OffsetDateTime;

/** A journey as the API shows it, with the stored version of the process it runs on. */
public record JourneyView(
    String id,
    String accountId,
    String process,
    Integer processVersion,
    String status,
    String currentElement,
    String currentStep,
    String endReason,
    OffsetDateTime startedAt,
    OffsetDateTime updatedAt,
    OffsetDateTime endedAt) {}
