package io.expansion.playbook.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Roles and groups from an identity provider's claims, at configurable paths. */
class ClaimRolesTest {

  private static SecurityProperties.Oidc oidc(String rolesClaim, String groupsClaim) {
    return new SecurityProperties.Oidc("", "preferred_username", "name", rolesClaim, groupsClaim);
  }

  @Test
  void keycloakRealmRolesAndGroupPaths() {
    ClaimRoles claims = new ClaimRoles(oidc("realm_access.roles", "groups"));
    Map<String, Object> token =
        Map.of(
            "realm_access", Map.of("roles", List.of("csm", "offline_access", "ROLE_MANAGER")),
            "groups", List.of("/csm", "/teams/sales-managers"));
    Set<Role> roles = claims.roles(token);
    assertThat(roles).containsExactlyInAnyOrder(Role.CSM, Role.MANAGER);
    assertThat(claims.groups(token, roles)).containsExactly("csm", "sales-managers");
  }

  @Test
  void clientRolesAStringClaimAndNoGroups() {
    ClaimRoles claims = new ClaimRoles(oidc("resource_access.expansion.roles", "groups"));
    Map<String, Object> token =
        Map.of("resource_access", Map.of("expansion", Map.of("roles", List.of("ops"))));
    assertThat(claims.roles(token)).containsExactly(Role.OPS);
    assertThat(claims.groups(token, Set.of(Role.OPS))).containsExactly("ops");

    ClaimRoles spaced = new ClaimRoles(oidc("roles", "groups"));
    assertThat(spaced.roles(Map.of("roles", "privacy leadership"))).hasSize(2);
    assertThat(spaced.roles(Map.of("other", "privacy"))).isEmpty();
    assertThat(spaced.roles(Map.of("roles", Map.of("not", "a list")))).isEmpty();
  }
}
