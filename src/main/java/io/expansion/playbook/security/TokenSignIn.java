package io.expansion.playbook.security;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Sign-in through an OpenID Connect provider: the engine's roles are read from the token's
 * configured roles claim ({@code expansion.security.oidc.roles-claim}), the user name from {@code
 * username-claim}.
 */
final class TokenSignIn {

  private final SecurityProperties.Oidc oidc;
  private final ClaimRoles claims;

  TokenSignIn(SecurityProperties.Oidc oidc) {
    this.oidc = oidc;
    this.claims = new ClaimRoles(oidc);
  }

  /** A bearer JWT on the API → the user it names, with the roles it claims. */
  Converter<Jwt, AbstractAuthenticationToken> jwtConverter() {
    return jwt -> {
      String name = jwt.getClaimAsString(oidc.usernameClaim());
      return new JwtAuthenticationToken(
          jwt, authorities(claims.roles(jwt.getClaims())), name == null ? jwt.getSubject() : name);
    };
  }

  /**
   * The browser's OIDC login → the user, with the roles from the ID token or user info — or, as
   * Keycloak puts realm roles only into the access token by default, from the access token (it came
   * straight from the provider's token endpoint, so it is read without a second check).
   */
  OidcUserService oidcUserService() {
    return new OidcUserService() {
      @Override
      public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = super.loadUser(request);
        Map<String, Object> found = new LinkedHashMap<>(user.getClaims());
        if (!ClaimRoles.present(found, oidc.rolesClaim())) {
          Map<String, Object> access = accessTokenClaims(request);
          copyRoot(access, found, oidc.rolesClaim());
          copyRoot(access, found, oidc.groupsClaim());
        }
        OidcUserInfo info = new OidcUserInfo(found);
        String nameKey = found.containsKey(oidc.usernameClaim()) ? oidc.usernameClaim() : "sub";
        return new DefaultOidcUser(
            authorities(claims.roles(found)), user.getIdToken(), info, nameKey);
      }
    };
  }

  private static Map<String, Object> accessTokenClaims(OidcUserRequest request) {
    try {
      return JWTParser.parse(request.getAccessToken().getTokenValue())
          .getJWTClaimsSet()
          .getClaims();
    } catch (ParseException opaqueToken) {
      return Map.of();
    }
  }

  private static void copyRoot(Map<String, Object> from, Map<String, Object> to, String path) {
    String root = path.split("\\.")[0];
    if (from.containsKey(root) && !to.containsKey(root)) {
      to.put(root, from.get(root));
    }
  }

  static List<GrantedAuthority> authorities(Set<Role> roles) {
    return roles.stream()
        .<GrantedAuthority>map(r -> new SimpleGrantedAuthority(r.authority()))
        .toList();
  }
}
