package io.expansion.playbook.security;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The access matrix as the README's Markdown table, written from {@link AccessRules} (a test checks
 * that the README holds exactly this text).
 */
public final class AccessMatrixTable {

  private AccessMatrixTable() {}

  /** Both chains' rules, one row each, in matching order. */
  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| method | path | anonymous |");
    for (Role role : Role.values()) {
      out.append(' ').append(role.code()).append(" |");
    }
    out.append('\n').append("|---|---|---|");
    out.append("---|".repeat(Role.values().length)).append('\n');
    rows(out, AccessRules.API, "401");
    rows(out, AccessRules.BROWSER, "→ login page");
    return out.toString();
  }

  private static void rows(StringBuilder out, List<AccessRule> rules, String refusedAnonymous) {
    for (AccessRule rule : rules) {
      out.append("| ")
          .append(rule.methodName())
          .append(" | ")
          .append(rule.paths().stream().map(p -> "`" + p + "`").collect(Collectors.joining(" ")))
          .append(" | ")
          .append(rule.access() == AccessRule.Access.OPEN ? "✓" : refusedAnonymous)
          .append(" |");
      for (Role role : Role.values()) {
        out.append(' ').append(cell(rule, role)).append(" |");
      }
      out.append('\n');
    }
  }

  private static String cell(AccessRule rule, Role role) {
    if (rule.access() != AccessRule.Access.ROLES) {
      return "✓";
    }
    return rule.grantOf(role)
        .map(
            grant ->
                switch (grant.reach()) {
                  case ALL -> "✓";
                  case LISTED -> "own (list)";
                  case OWN_ACCOUNT, OWN_ACCOUNT_PARAM, OWN_CONTACT, OWN_OFFER -> "own";
                  case TASK_IN_QUEUE -> "queue";
                  case TASK_TO_WORK_ON -> "task";
                })
        .orElse("–");
  }
}
