package io.expansion.playbook.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Users from configuration: hashed passwords, roles, groups and API keys, or a clear refusal. */
class UserDirectoryTest {

  private final PasswordEncoder encoder =
      PasswordEncoderFactories.createDelegatingPasswordEncoder();

  @Test
  void theDemoUsersHaveTheirRolesGroupsAndOneBcryptHash() {
    UserDirectory users = UserDirectory.of(DemoUsers.of("demo", "demo-integration-key"), encoder);

    assertThat(users.usernames())
        .containsExactly(
            "csm-01",
            "csm-02",
            "csm-03",
            "csm-04",
            "csm-05",
            "csm-06",
            "csm-07",
            "csm-08",
            "manager",
            "leader",
            "ops",
            "privacy",
            "integration");
    DirectoryUser manager = users.loadUserByUsername("manager");
    assertThat(manager.getPassword()).startsWith("{bcrypt}$2a$");
    assertThat(encoder.matches("demo", manager.getPassword())).isTrue();
    assertThat(manager.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_MANAGER");
    assertThat(manager.groups())
        .containsExactlyInAnyOrder("csm", "sales-managers", "csm-managers", "revenue-leadership");
    assertThat(users.loadUserByUsername("csm-03").groups()).containsExactly("csm");
    assertThat(users.loadUserByUsername("leader").groups()).containsExactly("leadership");
    assertThat(users.byApiKey("demo-integration-key").orElseThrow().getUsername())
        .isEqualTo("integration");
    assertThat(users.byApiKey("demo-integration-kez")).isEmpty();
    assertThatThrownBy(() -> users.loadUserByUsername("mallory"))
        .isInstanceOf(UsernameNotFoundException.class);
  }

  @Test
  void eachLoadIsAFreshCopySoErasingOneLoginsPasswordKeepsTheNext() {
    UserDirectory users = UserDirectory.of(DemoUsers.of("demo", "demo-integration-key"), encoder);
    users.loadUserByUsername("ops").eraseCredentials();
    assertThat(users.loadUserByUsername("ops").getPassword()).isNotNull();
  }

  @Test
  void aConfiguredHashIsKeptAndPlainPasswordsAreHashed() {
    String hash = encoder.encode("s3cret");
    UserDirectory users =
        UserDirectory.of(
            List.of(
                user("jane", hash, List.of("csm", "manager"), List.of("csm"), null),
                user("joe", "plain-password", List.of("LEADERSHIP"), null, null)),
            encoder);
    DirectoryUser jane = users.loadUserByUsername("jane");
    assertThat(jane.getPassword()).isEqualTo(hash);
    assertThat(jane.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_CSM", "ROLE_MANAGER");
    DirectoryUser joe = users.loadUserByUsername("joe");
    assertThat(joe.getPassword()).startsWith("{bcrypt}");
    assertThat(encoder.matches("plain-password", joe.getPassword())).isTrue();
    assertThat(joe.groups()).containsExactly("leadership");
  }

  @Test
  void unsafeOrBrokenUsersAreRefusedAtStartUpNamingTheProblem() {
    assertThatThrownBy(() -> of(user("a", "{noop}demo", List.of("csm"), null, null)))
        .hasMessageContaining("users[0] (a)")
        .hasMessageContaining("{noop} is not accepted");
    assertThatThrownBy(() -> of(user("a", "demo", List.of("wizard"), null, null)))
        .hasMessageContaining("unknown role 'wizard'")
        .hasMessageContaining("integration");
    assertThatThrownBy(() -> of(user("a", "demo", List.of(), null, null)))
        .hasMessageContaining("at least one role");
    assertThatThrownBy(() -> of(user("a", null, List.of("csm"), null, null)))
        .hasMessageContaining("'password' is required");
    assertThatThrownBy(() -> of(user("a", "demo", List.of("ops"), null, "a-long-enough-api-key")))
        .hasMessageContaining("integration clients only");
    assertThatThrownBy(() -> of(user("a", "demo", List.of("integration"), null, "short")))
        .hasMessageContaining("at least 16 characters");
    assertThatThrownBy(() -> of(user("system", "demo", List.of("ops"), null, null)))
        .hasMessageContaining("reserved");
    assertThatThrownBy(
            () ->
                of(
                    user("a", "demo", List.of("csm"), null, null),
                    user("a", "demo", List.of("ops"), null, null)))
        .hasMessageContaining("configured twice");
  }

  private UserDirectory of(SecurityProperties.User... users) {
    return UserDirectory.of(List.of(users), encoder);
  }

  private static SecurityProperties.User user(
      String name, String password, List<String> roles, List<String> groups, String apiKey) {
    return new SecurityProperties.User(name, password, roles, groups, apiKey, null);
  }
}
