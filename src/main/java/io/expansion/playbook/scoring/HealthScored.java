package io.expansion.playbook.scoring;

import java.util.Map;

/**
 * Published (as a Spring application event) after every rescoring, once its history row is stored —
 * inside the rescoring transaction, so listen with {@code @TransactionalEventListener} to act after
 * commit, or with {@code @EventListener} to act at once.
 *
 * @param previousHealth the health before this scoring; {@code null} for the first scoring
 * @param contributions health points per factor name (Integer values), in contribution order
 */
public record HealthScored(
    String accountId,
    Integer previousHealth,
    int health,
    String stage,
    String modelVersion,
    Map<String, Object> contributions) {}
