package io.expansion.playbook.tasks;

import java.util.Map;

/**
 * Completes Camunda user tasks. The embedded engine takes the command on its log; a real cluster
 * takes it through the Orchestration Cluster REST API.
 */
public interface UserTaskCommands {

  void complete(long userTaskKey, Map<String, Object> variables);
}
