package io.expansion.playbook.tasks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A human task as the inbox shows it.
 *
 * @param ready the engine has finished creating the task, so it can be completed now
 */
public record UserTask(
    long id,
    String name,
    String accountId,
    String journeyId,
    String elementId,
    String formId,
    List<String> candidateGroups,
    String assignee,
    String status,
    boolean ready,
    Map<String, Object> variables,
    OffsetDateTime createdAt,
    OffsetDateTime completedAt) {

  public static final String OPEN = "OPEN";
  public static final String COMPLETED = "COMPLETED";
  public static final String CANCELED = "CANCELED";
}
