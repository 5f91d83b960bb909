package io.expansion.playbook.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The object-level half of the access rules: whose account, contact, offer or task a request names.
 * Reads the owning rows directly (owner of the account, the task's candidate groups and assignee),
 * so the security package depends on no feature package. An object that does not exist is not
 * refused here: the endpoint answers 404 for it.
 */
@Component
class Ownership {

  private final JdbcClient jdbc;

  Ownership(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A task's audience. */
  record TaskAudience(List<String> candidateGroups, String assignee) {}

  /**
   * Why the user may not reach the object under the grant; empty when they may.
   *
   * @param value the path variable or parameter naming the object (null: nothing named)
   */
  Optional<String> refusal(AccessRule.Grant grant, String value, SignedInUser user) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return switch (grant.reach()) {
      case ALL, LISTED -> Optional.empty();
      case OWN_ACCOUNT, OWN_ACCOUNT_PARAM ->
          owner("SELECT owner_csm FROM accounts WHERE id = ?", value)
              .filter(owner -> !owner.equals(user.username()))
              .map(owner -> notOwn("Account " + value, owner, user));
      case OWN_CONTACT ->
          owner(
                  "SELECT a.owner_csm FROM contacts c JOIN accounts a ON a.id = c.account_id"
                      + " WHERE c.id = ?",
                  value)
              .filter(owner -> !owner.equals(user.username()))
              .map(owner -> notOwn("Contact " + value + "'s account", owner, user));
      case OWN_OFFER ->
          number(value)
              .flatMap(
                  id ->
                      owner(
                          "SELECT a.owner_csm FROM offers o JOIN accounts a ON a.id = o.account_id"
                              + " WHERE o.id = ?",
                          id))
              .filter(owner -> !owner.equals(user.username()))
              .map(owner -> notOwn("Offer " + value + "'s account", owner, user));
      case TASK_IN_QUEUE ->
          task(value)
              .filter(t -> !user.maySeeTask(t.candidateGroups(), t.assignee()))
              .map(
                  t ->
                      "Task "
                          + value
                          + " is not in "
                          + user.username()
                          + "'s queue"
                          + why(t, user));
      case TASK_TO_WORK_ON ->
          task(value)
              .filter(t -> !user.mayWorkOnTask(t.candidateGroups(), t.assignee()))
              .map(
                  t ->
                      "Task "
                          + value
                          + " is not "
                          + user.username()
                          + "'s to work on"
                          + why(t, user));
    };
  }

  Optional<TaskAudience> task(String id) {
    return number(id)
        .flatMap(
            key ->
                jdbc.sql("SELECT candidate_groups, assignee FROM user_tasks WHERE id = ?")
                    .param(key)
                    .query(
                        (rs, n) ->
                            new TaskAudience(groups(rs.getString(1)), rs.getString("assignee")))
                    .optional());
  }

  private Optional<String> owner(String sql, Object id) {
    return jdbc.sql(sql).param(id).query(String.class).optional();
  }

  private static String notOwn(String what, String owner, SignedInUser user) {
    return what + " belongs to " + owner + "; " + user.username() + " may use their own only";
  }

  private static String why(TaskAudience t, SignedInUser user) {
    return t.assignee() == null || t.assignee().isBlank()
        ? ": it is for the candidate groups "
            + t.candidateGroups()
            + " and "
            + user.username()
            + " is in "
            + user.groups().stream().sorted().toList()
        : ": it is assigned to " + t.assignee();
  }

  private static List<String> groups(String joined) {
    return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
  }

  private static Optional<Long> number(String value) {
    try {
      return Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
