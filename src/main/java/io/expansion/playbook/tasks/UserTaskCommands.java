package io.expansion.playbook.tasks;

import java.util.Map;

/**
 * Commands on Camunda user tasks: complete, assign (claim or reassign), unassign. The embedded
 * engine takes them on its log; a real cluster takes them through the Orchestration Cluster REST
 * API. The inbox's own row holds the assignee either way.
 */
public interface UserTaskCommands {

  void complete(long userTaskKey, Map<String, Object> variables);

  /**
   * Assigns the task.
   *
   * @param allowOverride whether a task held by someone else may be reassigned (else a claim)
   */
  void assign(long userTaskKey, String assignee, boolean allowOverride);

  void unassign(long userTaskKey);
}
