package io.expansion.playbook.tasks;

import io.expansion.playbook.engine.EngineProperties;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inbox rows {@link CamundaInboxSync} compares with the cluster's user tasks, and the changes
 * it takes over from the cluster (Tasklist): an assignee, or the end of a task.
 */
@Repository
@ConditionalOnProperty(name = "expansion.engine.runtime", havingValue = EngineProperties.CAMUNDA)
class InboxSyncRows {

  private final JdbcClient jdbc;

  InboxSyncRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Engine keys and assignees of the open tasks created before the instant (oldest first). */
  List<OpenKey> openKeys(OffsetDateTime createdBefore, int limit) {
    return jdbc.sql(
            """
            SELECT engine_key, assignee FROM user_tasks
            WHERE status = 'OPEN' AND engine_key > 0 AND created_at < ?
            ORDER BY id LIMIT ?
            """)
        .params(createdBefore, limit)
        .query((rs, row) -> new OpenKey(rs.getLong("engine_key"), rs.getString("assignee")))
        .list();
  }

  /** An open task's engine key and assignee, as the inbox has them. */
  record OpenKey(long engineKey, String assignee) {}

  /** The engine says the task is over (completed or canceled elsewhere, e.g. in Tasklist). */
  boolean closeByEngineKey(long engineKey, String status, OffsetDateTime at) {
    return jdbc.sql(
                """
                UPDATE user_tasks SET status = :status, completed_at = :at
                WHERE engine_key = :key AND status = 'OPEN'
                """)
            .param("status", status)
            .param("at", at)
            .param("key", engineKey)
            .update()
        == 1;
  }

  /** Takes over the engine's assignee of an open task (e.g. claimed in Tasklist). */
  void assigneeFromEngine(long engineKey, String assignee) {
    jdbc.sql("UPDATE user_tasks SET assignee = ? WHERE engine_key = ? AND status = 'OPEN'")
        .params(assignee, engineKey)
        .update();
  }
}
