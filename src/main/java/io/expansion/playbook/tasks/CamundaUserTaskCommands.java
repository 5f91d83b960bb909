package io.expansion.playbook.tasks;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ProblemException;
import io.expansion.playbook.engine.EngineProperties;
import io.expansion.playbook.web.ApiException;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On a real cluster the Orchestration Cluster REST API completes, assigns and unassigns user tasks
 * ({@code POST /v2/user-tasks/{key}/completion}, {@code …/assignment}, {@code DELETE …/assignee}),
 * so Tasklist and the inbox agree; the inbox row follows once the cluster accepted. The cluster's
 * refusals come back as the inbox's (404, 409, 400 with the cluster's detail).
 */
@Component
@ConditionalOnProperty(name = "expansion.engine.runtime", havingValue = EngineProperties.CAMUNDA)
class CamundaUserTaskCommands implements UserTaskCommands {

  private final CamundaClient client;
  private final UserTasks tasks;

  CamundaUserTaskCommands(CamundaClient client, UserTasks tasks) {
    this.client = client;
    this.tasks = tasks;
  }

  @Override
  public void complete(long userTaskKey, Map<String, Object> variables) {
    call(
        userTaskKey,
        "completed",
        () -> client.newCompleteUserTaskCommand(userTaskKey).variables(variables).send().join());
  }

  @Override
  public void assign(long userTaskKey, String assignee, boolean allowOverride) {
    call(
        userTaskKey,
        "assigned to " + assignee,
        () ->
            client
                .newAssignUserTaskCommand(userTaskKey)
                .assignee(assignee)
                .allowOverride(allowOverride)
                .send()
                .join());
    tasks.assign(userTaskKey, assignee, true);
  }

  @Override
  public void unassign(long userTaskKey) {
    call(
        userTaskKey,
        "unassigned",
        () -> client.newUnassignUserTaskCommand(userTaskKey).send().join());
    tasks.unassign(userTaskKey);
  }

  private static void call(long userTaskKey, String what, Supplier<?> command) {
    try {
      command.get();
    } catch (ClientHttpException e) {
      throw refusal(userTaskKey, what, e);
    }
  }

  /** The cluster's answer as the inbox's: same status class, the cluster's reason in words. */
  static ApiException refusal(long userTaskKey, String what, ClientHttpException e) {
    String detail =
        e instanceof ProblemException problem && problem.details() != null
            ? problem.details().getDetail()
            : e.reason();
    String message =
        "The cluster refused to have user task " + userTaskKey + " " + what + ": " + detail;
    return switch (e.code()) {
      case 404 -> ApiException.notFound(message);
      case 409 -> ApiException.conflict(message);
      case 400 -> ApiException.badRequest(message);
      default -> ApiException.unavailable(message);
    };
  }
}
