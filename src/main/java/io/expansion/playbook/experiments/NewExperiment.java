package io.expansion.playbook.experiments;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The body of {@code POST /api/experiments}.
 *
 * @param primaryMetric {@code expansion-mrr} (the default)
 * @param windowDays days after exposure the primary metric counts (default 90)
 * @param guardrails metric names (default all: churn, discount-given, touches-per-account)
 * @param startsAt default now; endsAt optional (open-ended until stopped)
 */
public record NewExperiment(
    String key,
    String hypothesis,
    String play,
    String step,
    List<Arm> arms,
    String primaryMetric,
    Integer windowDays,
    List<String> guardrails,
    OffsetDateTime startsAt,
    OffsetDateTime endsAt) {}
