package io.expansion.playbook.security;

import io.expansion.playbook.decisions.Actor;
import io.expansion.playbook.decisions.ActorSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The user signed in on this thread, however they signed in. It is also the decision log's {@link
 * ActorSource}: a request thread acts as its user; job workers, background imports and start-up
 * work have no sign-in and act as {@link Actor#SYSTEM}.
 */
@Component
public class CurrentUser implements ActorSource {

  private final SecurityProperties.Oidc oidc;
  private final ClaimRoles claims;

  CurrentUser(SecurityProperties properties) {
    this.oidc = properties.oidc();
    this.claims = new ClaimRoles(oidc);
  }

  /** The signed-in user; empty when nobody is (anonymous, or not a request thread). */
  public Optional<SignedInUser> find() {
    return of(SecurityContextHolder.getContext().getAuthentication());
  }

  /** The signed-in user of a request the access rules let through. */
  public SignedInUser get() {
    return find()
        .orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Nobody is signed in"));
  }

  @Override
  public Actor current() {
    return find()
        .map(SignedInUser::username)
        .map(name -> new Actor(name.length() <= 100 ? name : name.substring(0, 100)))
        .orElse(Actor.SYSTEM);
  }

  Optional<SignedInUser> of(Authentication a) {
    if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    Set<Role> roles =
        a.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .flatMap(authority -> Role.parse(authority).stream())
            .collect(Collectors.toSet());
    if (a.getPrincipal() instanceof DirectoryUser user) {
      return Optional.of(
          new SignedInUser(user.getUsername(), user.displayName(), roles, user.groups()));
    }
    if (a instanceof JwtAuthenticationToken jwt) {
      return Optional.of(fromClaims(a.getName(), jwt.getTokenAttributes(), roles));
    }
    if (a.getPrincipal() instanceof OAuth2User user) {
      Object name = user.getAttributes().get(oidc.usernameClaim());
      return Optional.of(
          fromClaims(name == null ? a.getName() : name.toString(), user.getAttributes(), roles));
    }
    Set<String> groups = new TreeSet<>();
    roles.forEach(r -> groups.add(r.code()));
    return Optional.of(new SignedInUser(a.getName(), a.getName(), roles, groups));
  }

  private SignedInUser fromClaims(
      String username, Map<String, Object> attributes, Set<Role> roles) {
    Object display = attributes.get(oidc.displayNameClaim());
    return new SignedInUser(
        username,
        display == null || display.toString().isBlank() ? username : display.toString(),
        roles,
        claims.groups(attributes, roles));
  }
}
