package io.expansion.playbook.tasks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the inbox: tasks by filters and order, and the open tasks of a CSM's accounts. */
@Repository
public class TaskSearch {

  private final JdbcClient jdbc;
  private final UserTasks rows;

  TaskSearch(JdbcClient jdbc, UserTasks rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  /** Open tasks of any kind, oldest first. */
  public List<UserTask> open(String accountId, String candidateGroup, String assignee) {
    return search(TaskQuery.open(accountId, candidateGroup, assignee));
  }

  /** Tasks matching every filter of the query, in its order (then by id). */
  public List<UserTask> search(TaskQuery q) {
    String direction = q.descending() ? " DESC" : " ASC";
    String order =
        TaskQuery.SORTS.get(q.sort())
            + direction
            + (q.sort().equals("dueDate") ? " NULLS LAST" : "")
            + ", id"
            + direction;
    return jdbc
        .sql(
            "SELECT "
                + UserTasks.COLUMNS
                + """
                 FROM user_tasks WHERE status = :status
                  AND (CAST(:account AS VARCHAR(200)) IS NULL OR account_id = :account)
                  AND (CAST(:assignee AS VARCHAR(200)) IS NULL OR assignee = :assignee)
                  AND (CAST(:group AS VARCHAR(200)) IS NULL OR ',' || candidate_groups || ',' LIKE :groupPattern)
                  AND (CAST(:process AS VARCHAR(200)) IS NULL OR process_id = :process)
                  AND (CAST(:before AS TIMESTAMP WITH TIME ZONE) IS NULL OR due_date < :before)
                  AND (CAST(:after AS TIMESTAMP WITH TIME ZONE) IS NULL OR due_date > :after)
                """
                + " ORDER BY "
                + order
                + (q.limit() == null ? "" : " LIMIT " + q.limit()))
        .param("status", q.status())
        .param("account", q.accountId())
        .param("assignee", q.assignee())
        .param("group", q.candidateGroup())
        .param("groupPattern", q.candidateGroup() == null ? null : "%," + q.candidateGroup() + ",%")
        .param("process", q.processId())
        .param("before", q.dueBefore())
        .param("after", q.dueAfter())
        .query(rows::stored)
        .list()
        .stream()
        .map(UserTasks.Stored::task)
        .toList();
  }

  /** Open tasks of the accounts a CSM owns, by account id, soonest due first. */
  public Map<String, List<UserTask>> openOfAccountsOwnedBy(String ownerCsm) {
    Map<String, List<UserTask>> byAccount = new HashMap<>();
    jdbc.sql(
            "SELECT "
                + UserTasks.COLUMNS.replaceAll("(\\w+)", "t.$1")
                + """
                 FROM user_tasks t JOIN accounts a ON a.id = t.account_id
                WHERE t.status = 'OPEN' AND a.owner_csm = ?
                ORDER BY t.due_date NULLS LAST, t.id
                """)
        .param(ownerCsm)
        .query(rows::stored)
        .list()
        .forEach(
            s ->
                byAccount
                    .computeIfAbsent(s.task().accountId(), k -> new ArrayList<>())
                    .add(s.task()));
    return byAccount;
  }
}
