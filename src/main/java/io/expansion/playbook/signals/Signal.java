package io.expansion.playbook.signals;

import java.time.OffsetDateTime;
import java.util.Map;

/** A stored signal and where it was routed. */
public record Signal(
    long id,
    String accountId,
    String type,
    OffsetDateTime occurredAt,
    OffsetDateTime receivedAt,
    Map<String, Object> attributes,
    String idempotencyKey,
    String routing,
    String journeyId) {}
