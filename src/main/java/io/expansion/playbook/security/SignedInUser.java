package io.expansion.playbook.security;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking, whatever way they signed in (password, API key, JWT, OIDC login).
 *
 * @param groups the task candidate groups the user belongs to
 */
public record SignedInUser(
    String username, String displayName, Set<Role> roles, Set<String> groups) {

  public SignedInUser {
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** Manager and leadership see every account; a CSM only the accounts they own. */
  public boolean seesEveryAccount() {
    return has(Role.MANAGER) || has(Role.LEADERSHIP);
  }

  /**
   * The owner a list of accounts (or their journeys) is narrowed to: empty for those who see every
   * account, else the user's own name ({@code accounts.owner_csm}).
   */
  public Optional<String> accountOwnerScope() {
    return seesEveryAccount() ? Optional.empty() : Optional.of(username);
  }

  /** Manager and leadership see every task; others the tasks they may work on or were given. */
  public boolean seesEveryTask() {
    return has(Role.MANAGER) || has(Role.LEADERSHIP);
  }

  /**
   * Whether the task shows in the user's queue: assigned to them or offered to one of their groups.
   */
  public boolean maySeeTask(Collection<String> candidateGroups, String assignee) {
    return seesEveryTask() || isAssignee(assignee) || inAnyGroup(candidateGroups);
  }

  /**
   * Whether the user may complete (or claim) the task, as in Tasklist: an assigned task belongs to
   * its assignee; an unassigned one to the members of its candidate groups. (A manager may act on
   * any task; the access rules grant that by role.)
   */
  public boolean mayWorkOnTask(Collection<String> candidateGroups, String assignee) {
    return assignee == null || assignee.isBlank()
        ? inAnyGroup(candidateGroups)
        : isAssignee(assignee);
  }

  /** Lower-case role names, sorted, as the API shows them. */
  public List<String> roleCodes() {
    return roles.stream().map(Role::code).sorted().toList();
  }

  private boolean isAssignee(String assignee) {
    return username.equals(assignee);
  }

  private boolean inAnyGroup(Collection<String> candidateGroups) {
    return candidateGroups != null && !Collections.disjoint(groups, candidateGroups);
  }
}
