package io.expansion.playbook.tasks;

import java.util.Map;

/**
 * Acts on Camunda user tasks by their engine key. The embedded engine takes the commands on its log
 * and the inbox is its only task list; a real cluster takes them through the Orchestration Cluster
 * REST API, so Tasklist shows the same assignee. Either way the inbox row follows at once. Refusals
 * are {@link io.expansion.playbook.web.ApiException}s (404 unknown task, 409 wrong state or already
 * assigned to someone else).
 */
public interface UserTaskCommands {

  void complete(long userTaskKey, Map<String, Object> variables);

  /**
   * Claims or hands over a task.
   *
   * @param allowOverride whether a task already assigned to someone else may be reassigned
   */
  void assign(long userTaskKey, String assignee, boolean allowOverride);

  /** Returns the task to its candidate groups. */
  void unassign(long userTaskKey);
}
