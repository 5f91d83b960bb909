package io.expansion.playbook.decisions;

import java.time.OffsetDateTime;
import java.util.Map;

/** An automated decision as recorded. */
public record Decision(
    long id,
    String accountId,
    String journeyId,
    String rule,
    String outcome,
    String rationale,
    Map<String, Object> inputs,
    OffsetDateTime at) {}
