package io.expansion.playbook.tasks;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps a journey's open CSM tasks, under their ids, when the journey moves to another version
 * (migration): the rows follow the element they are moved to. On the embedded engine the rows are
 * detached from the old instance's task first, so its cancellation does not cancel them and the
 * re-created task takes them over (as after a restart).
 */
@Component
public class TaskMoves {

  /** An open task row and the engine key it had. */
  public record Detached(long id, Long engineKey, String elementId) {}

  private final JdbcClient jdbc;

  TaskMoves(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Detaches the journey's open tasks at {@code from} and moves them to {@code to}. */
  public List<Detached> detach(String journeyId, String from, String to) {
    List<Detached> open =
        jdbc.sql(
                "SELECT id, engine_key, element_id FROM user_tasks"
                    + " WHERE journey_id = ? AND element_id = ? AND status = 'OPEN'")
            .params(journeyId, from)
            .query(
                (rs, n) ->
                    new Detached(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3)))
            .list();
    for (Detached task : open) {
      jdbc.sql("UPDATE user_tasks SET engine_key = -id, ready = FALSE, element_id = ? WHERE id = ?")
          .params(to, task.id())
          .update();
    }
    return open;
  }

  /** Detached rows go back to their element, still detached, for the task re-created there. */
  public void moveDetached(List<Detached> detached, String element) {
    for (Detached task : detached) {
      jdbc.sql("UPDATE user_tasks SET element_id = ? WHERE id = ?")
          .params(element, task.id())
          .update();
    }
  }

  /** Undoes {@link #detach} when the move failed before anything changed in the engine. */
  public void restore(List<Detached> detached) {
    for (Detached task : detached) {
      jdbc.sql("UPDATE user_tasks SET engine_key = ?, ready = TRUE, element_id = ? WHERE id = ?")
          .params(task.engineKey(), task.elementId(), task.id())
          .update();
    }
  }

  /** The engine kept the tasks (cluster migration keeps user task keys): only the element moves. */
  public void rename(String journeyId, String from, String to) {
    jdbc.sql(
            "UPDATE user_tasks SET element_id = ? WHERE journey_id = ? AND element_id = ?"
                + " AND status = 'OPEN'")
        .params(to, journeyId, from)
        .update();
  }
}
