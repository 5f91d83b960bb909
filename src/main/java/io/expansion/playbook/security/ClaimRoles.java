package io.expansion.playbook.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Roles and groups read from the claims of an identity provider's token, at configurable paths such
 * as Keycloak's {@code realm_access.roles}. Values that name no role of the engine are ignored, so
 * a realm's other roles ({@code offline_access}, …) do no harm.
 */
final class ClaimRoles {

  private final SecurityProperties.Oidc oidc;

  ClaimRoles(SecurityProperties.Oidc oidc) {
    this.oidc = oidc;
  }

  Set<Role> roles(Map<String, Object> claims) {
    Set<Role> roles = new LinkedHashSet<>();
    for (String value : strings(claims, oidc.rolesClaim())) {
      Role.parse(value).ifPresent(roles::add);
    }
    return roles;
  }

  /** The claimed groups ({@code /csm} → {@code csm}); the role names when none are claimed. */
  Set<String> groups(Map<String, Object> claims, Set<Role> roles) {
    Set<String> groups = new TreeSet<>();
    for (String value : strings(claims, oidc.groupsClaim())) {
      String group = value.startsWith("/") ? value.substring(value.lastIndexOf('/') + 1) : value;
      if (!group.isBlank()) {
        groups.add(group);
      }
    }
    if (groups.isEmpty()) {
      roles.forEach(r -> groups.add(r.code()));
    }
    return groups;
  }

  /** Whether the claims hold anything at the path. */
  static boolean present(Map<String, Object> claims, String path) {
    return !strings(claims, path).isEmpty();
  }

  /** The strings at a dotted path: a list, or one string of comma- or space-separated values. */
  static Set<String> strings(Map<String, Object> claims, String path) {
    Object node = claims;
    if (path == null || path.isBlank()) {
      return Set.of();
    }
    for (String key : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return Set.of();
      }
      node = map.get(key);
    }
    Set<String> values = new LinkedHashSet<>();
    if (node instanceof Collection<?> list) {
      list.stream().filter(v -> v != null).map(String::valueOf).forEach(values::add);
    } else if (node instanceof String text) {
      Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).forEach(values::add);
    }
    return values;
  }
}
