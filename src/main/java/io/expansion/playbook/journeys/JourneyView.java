package io.expansion.playbook.journeys;

import java.time.OffsetDateTime;

/** A journey as the API shows it. */
public record JourneyView(
    String id,
    String accountId,
    String process,
    String status,
    String currentElement,
    String currentStep,
    String endReason,
    OffsetDateTime startedAt,
    OffsetDateTime updatedAt,
    OffsetDateTime endedAt) {}
