package io.expansion.playbook.tasks;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import io.expansion.playbook.engine.EngineProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * On a real cluster CSMs may also work in Tasklist. Every {@code
 * expansion.engine.task-sync-interval} the inbox is reconciled with the cluster's user tasks
 * ({@code POST /v2/user-tasks/search}, state CREATED): an assignee changed there is taken over, and
 * an open inbox task the cluster no longer lists as open is looked up ({@code GET
 * /v2/user-tasks/{key}}) and closed as completed or canceled. Tasks younger than the search index
 * lag are left alone.
 */
@Component
@ConditionalOnProperty(name = "expansion.engine.runtime", havingValue = EngineProperties.CAMUNDA)
class CamundaInboxSync {

  static final int PAGE = 100;
  static final int MAX_PAGES = 100;

  private static final Logger LOG = LoggerFactory.getLogger(CamundaInboxSync.class);

  private final CamundaClient client;
  private final InboxSyncRows tasks;
  private final Clock clock;
  private final Duration indexLag;

  /**
   * @param indexLag the cluster's search reads secondary storage, which trails the engine: inbox
   *     tasks younger than this are not compared yet
   */
  CamundaInboxSync(
      CamundaClient client,
      InboxSyncRows tasks,
      Clock clock,
      @Value("${expansion.engine.task-sync-lag:PT30S}") Duration indexLag) {
    this.client = client;
    this.tasks = tasks;
    this.clock = clock;
    this.indexLag = indexLag;
  }

  /** What one reconciliation changed. */
  record Result(int reassigned, int completed, int canceled) {}

  @Scheduled(
      fixedDelayString = "${expansion.engine.task-sync-interval:PT10S}",
      initialDelayString = "${expansion.engine.task-sync-interval:PT10S}")
  void scheduled() {
    try {
      Result result = reconcile();
      if (result.reassigned() + result.completed() + result.canceled() > 0) {
        LOG.info("Inbox follows the cluster: {}", result);
      }
    } catch (RuntimeException e) {
      LOG.warn("Inbox reconciliation with the cluster failed: {}", e.getMessage());
    }
  }

  Result reconcile() {
    Map<Long, UserTask> openInCluster = openInCluster();
    int reassigned = 0;
    int completed = 0;
    int canceled = 0;
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (InboxSyncRows.OpenKey row : tasks.openKeys(now.minus(indexLag), PAGE * MAX_PAGES)) {
      UserTask task = openInCluster.get(row.engineKey());
      if (task == null) {
        task = lookUp(row.engineKey());
      }
      if (task == null) {
        continue;
      }
      UserTaskState state = task.getState();
      if (state == UserTaskState.COMPLETED) {
        completed += close(row, io.expansion.playbook.tasks.UserTask.COMPLETED, task, now);
      } else if (state == UserTaskState.CANCELED || state == UserTaskState.FAILED) {
        canceled += close(row, io.expansion.playbook.tasks.UserTask.CANCELED, task, now);
      } else if (!Objects.equals(task.getAssignee(), row.assignee())) {
        tasks.assigneeFromEngine(row.engineKey(), task.getAssignee());
        reassigned++;
      }
    }
    return new Result(reassigned, completed, canceled);
  }

  private int close(InboxSyncRows.OpenKey row, String status, UserTask task, OffsetDateTime now) {
    OffsetDateTime at = task.getCompletionDate() != null ? task.getCompletionDate() : now;
    return tasks.closeByEngineKey(row.engineKey(), status, at) ? 1 : 0;
  }

  private Map<Long, UserTask> openInCluster() {
    Map<Long, UserTask> open = new HashMap<>();
    String after = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String cursor = after;
      SearchResponse<UserTask> response =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.state(UserTaskState.CREATED))
              .page(
                  p -> {
                    p.limit(PAGE);
                    if (cursor != null) {
                      p.after(cursor);
                    }
                  })
              .send()
              .join();
      response.items().forEach(t -> open.put(t.getUserTaskKey(), t));
      after = response.page() == null ? null : response.page().endCursor();
      if (response.items().size() < PAGE || after == null) {
        break;
      }
    }
    return open;
  }

  private UserTask lookUp(long userTaskKey) {
    try {
      return client.newUserTaskGetRequest(userTaskKey).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        return null; // not indexed yet
      }
      throw e;
    }
  }
}
