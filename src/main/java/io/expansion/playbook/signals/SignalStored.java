package io.expansion.playbook.signals;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Published once a new signal is stored, before it is routed to the expansion journey, so plays can
 * react to it (a listener that fails makes the signal rejected and unstored).
 */
public record SignalStored(
    long id,
    String accountId,
    String type,
    OffsetDateTime occurredAt,
    Map<String, Object> attributes) {}
