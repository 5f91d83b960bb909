package io.expansion.playbook.decisions;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A decision as recorded.
 *
 * @param accountId null for a decision about the whole book (model activation, calibration, import)
 * @param actor who caused it: a user name, or {@code system} for the engine's workers
 */
public record Decision(
    long id,
    String accountId,
    String journeyId,
    String rule,
    String outcome,
    String rationale,
    Map<String, Object> inputs,
    OffsetDateTime at,
    String actor) {}
