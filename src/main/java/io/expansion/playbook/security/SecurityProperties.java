package io.expansion.playbook.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code expansion.security.*}: who may sign in and how.
 *
 * @param demoUsers add the demo users ({@code csm-01} … {@code csm-08}, {@code manager}, {@code
 *     leader}, {@code ops}, {@code privacy}, {@code integration}); off in production profiles
 * @param demoPassword the demo users' password ({@code EXPANSION_DEMO_PASSWORD}, default {@code
 *     demo})
 * @param integrationApiKey the demo {@code integration} client's {@code X-API-Key} ({@code
 *     EXPANSION_INTEGRATION_API_KEY})
 * @param loginPage empty: Spring Security's own login page at {@code GET /login}; set: the URL of
 *     the front end's login page (it posts {@code username}, {@code password}, {@code _csrf} to
 *     {@code POST /login} either way)
 * @param users users from configuration, beside (or instead of) the demo users
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of browser pages
 */
@ConfigurationProperties("expansion.security")
public record SecurityProperties(
    @DefaultValue("true") boolean demoUsers,
    @DefaultValue("demo") String demoPassword,
    @DefaultValue("demo-integration-key") String integrationApiKey,
    @DefaultValue("") String loginPage,
    List<User> users,
    @DefaultValue Cors cors,
    @DefaultValue Oidc oidc,
    @DefaultValue(
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                + " object-src 'none'; base-uri 'self'; frame-ancestors 'none'")
        String contentSecurityPolicy) {

  public SecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
    loginPage = loginPage == null ? "" : loginPage.trim();
  }

  /** Whether the front end serves its own login page. */
  boolean customLoginPage() {
    return !loginPage.isEmpty();
  }

  /**
   * A user from configuration.
   *
   * @param password a hash with its encoder prefix ({@code {bcrypt}$2a$…}) or the plain password,
   *     hashed with bcrypt at start-up; {@code {noop}} is refused
   * @param roles lower-case role names ({@code csm}, {@code manager}, …)
   * @param groups the task candidate groups the user belongs to (e.g. {@code csm}, {@code
   *     sales-managers}); by default the user's role names
   * @param apiKey optional key for {@code X-API-Key}, for users with the {@code integration} role
   */
  public record User(
      String username,
      String password,
      List<String> roles,
      List<String> groups,
      String apiKey,
      String displayName) {}

  /**
   * Cross-origin requests: none are allowed unless origins are listed.
   *
   * @param allowedOrigins e.g. {@code https://cs.example.com}; empty = CORS closed
   */
  public record Cors(List<String> allowedOrigins, boolean allowCredentials) {
    public Cors {
      allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
  }

  /**
   * Sign-in through an OpenID Connect provider (e.g. the Keycloak realm of Camunda 8 Self-Managed).
   *
   * @param issuerUri set: the API accepts bearer JWTs this issuer signed
   * @param rolesClaim dotted path of the roles in a token, e.g. Keycloak's {@code
   *     realm_access.roles} or {@code resource_access.<client>.roles}
   * @param groupsClaim the claim listing the user's task candidate groups (a leading {@code /} of
   *     Keycloak group paths is dropped); without it the user's role names are their groups
   */
  public record Oidc(
      @DefaultValue("") String issuerUri,
      @DefaultValue("preferred_username") String usernameClaim,
      @DefaultValue("name") String displayNameClaim,
      @DefaultValue("realm_access.roles") String rolesClaim,
      @DefaultValue("groups") String groupsClaim) {

    boolean enabled() {
      return issuerUri != null && !issuerUri.isBlank();
    }
  }
}
