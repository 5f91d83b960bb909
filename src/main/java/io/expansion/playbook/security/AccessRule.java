package io.expansion.playbook.security;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One row of the access matrix: a method and path patterns, and who reaches them — anyone, anyone
 * signed in, or the roles listed, each either to everything or only to what is theirs ({@link
 * Reach}).
 *
 * @param method null for every method
 */
public record AccessRule(
    HttpMethod method, List<String> paths, Access access, Map<Role, Grant> grants) {

  /** Who the rule lets in at all. */
  public enum Access {
    /** Anyone, without signing in. */
    OPEN,
    /** Anyone signed in, whatever their roles. */
    SIGNED_IN,
    /** The roles in {@link #grants()}. */
    ROLES
  }

  /** How far a role's access under a rule reaches. */
  public enum Reach {
    /** Everything the endpoint serves. */
    ALL,
    /** The list shows only the user's own accounts (or their journeys, or their queue's tasks). */
    LISTED,
    /** Only an account the user owns ({@code accounts.owner_csm}), named by a path variable. */
    OWN_ACCOUNT,
    /**
     * As {@link #OWN_ACCOUNT}, the account named by a query parameter (absent: {@link #LISTED}).
     */
    OWN_ACCOUNT_PARAM,
    /** Only a contact of an account the user owns. */
    OWN_CONTACT,
    /** Only an offer made to an account the user owns. */
    OWN_OFFER,
    /** Only a task assigned to the user or offered to one of their candidate groups. */
    TASK_IN_QUEUE,
    /** Only a task assigned to the user, or unassigned and offered to one of their groups. */
    TASK_TO_WORK_ON
  }

  /** A role's access: its reach and the path variable or parameter naming the object. */
  public record Grant(Reach reach, String variable) {
    static final Grant ALL = new Grant(Reach.ALL, null);
  }

  public AccessRule {
    paths = List.copyOf(paths);
    grants = Collections.unmodifiableMap(grants.isEmpty() ? Map.of() : new EnumMap<>(grants));
  }

  static AccessRule get(String... paths) {
    return of(HttpMethod.GET, paths);
  }

  static AccessRule post(String... paths) {
    return of(HttpMethod.POST, paths);
  }

  static AccessRule put(String... paths) {
    return of(HttpMethod.PUT, paths);
  }

  static AccessRule delete(String... paths) {
    return of(HttpMethod.DELETE, paths);
  }

  /** Every method. */
  static AccessRule any(String... paths) {
    return of(null, paths);
  }

  private static AccessRule of(HttpMethod method, String... paths) {
    return new AccessRule(method, Arrays.asList(paths), Access.ROLES, Map.of());
  }

  AccessRule open() {
    return new AccessRule(method, paths, Access.OPEN, Map.of());
  }

  AccessRule signedIn() {
    return new AccessRule(method, paths, Access.SIGNED_IN, Map.of());
  }

  /** The roles reach everything the endpoint serves. */
  AccessRule roles(Role... roles) {
    AccessRule rule = this;
    for (Role role : roles) {
      rule = rule.grant(role, Grant.ALL);
    }
    return rule;
  }

  /** The role reaches only what is theirs. */
  AccessRule own(Role role, Reach reach, String variable) {
    return grant(role, new Grant(reach, variable));
  }

  private AccessRule grant(Role role, Grant grant) {
    Map<Role, Grant> more = new EnumMap<>(Role.class);
    more.putAll(grants);
    more.put(role, grant);
    return new AccessRule(method, paths, Access.ROLES, more);
  }

  /** The role's access, if the rule grants it any. */
  public Optional<Grant> grantOf(Role role) {
    return Optional.ofNullable(grants.get(role));
  }

  /** One matcher per path pattern, for this rule's method. */
  List<RequestMatcher> matchers() {
    PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
    return paths.stream().<RequestMatcher>map(p -> builder.matcher(method, p)).toList();
  }

  /** {@code GET}, or {@code any} for every method. */
  public String methodName() {
    return method == null ? "any" : method.name();
  }
}
