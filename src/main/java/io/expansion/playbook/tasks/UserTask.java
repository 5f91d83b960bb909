package io.expansion.playbook.tasks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A human task as the inbox shows it.
 *
 * @param processId the play (BPMN process) the task belongs to
 * @param ready the engine has finished creating the task, so it can be completed now
 * @param dueDate when it is due ({@code zeebe:taskSchedule}); kept from the first creation when the
 *     task is re-created after a restart
 * @param followUpDate when to look at it again ({@code zeebe:taskSchedule})
 * @param priority 0..100 ({@code zeebe:priorityDefinition}; Camunda's default is 50)
 */
public record UserTask(
    long id,
    String name,
    String accountId,
    String journeyId,
    String processId,
    String elementId,
    String formId,
    List<String> candidateGroups,
    String assignee,
    String status,
    boolean ready,
    OffsetDateTime dueDate,
    OffsetDateTime followUpDate,
    int priority,
    Map<String, Object> variables,
    OffsetDateTime createdAt,
    OffsetDateTime completedAt) {

  public static final String OPEN = "OPEN";
  public static final String COMPLETED = "COMPLETED";
  public static final String CANCELED = "CANCELED";
}
