package io.expansion.playbook.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Decides a request by the first rule of the access matrix that matches it: open, signed in, or a
 * role's grant — with the object-level check for grants that reach only the user's own. A refusal
 * leaves its reason on the request for the 403 answer.
 */
final class AccessDecisions implements AuthorizationManager<RequestAuthorizationContext> {

  /** Request attribute with the reason of a refusal. */
  static final String REFUSAL = AccessDecisions.class.getName() + ".refusal";

  private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
  private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

  private final Function<HttpServletRequest, Optional<AccessRules.Match>> rules;
  private final CurrentUser users;
  private final Ownership ownership;

  AccessDecisions(
      Function<HttpServletRequest, Optional<AccessRules.Match>> rules,
      CurrentUser users,
      Ownership ownership) {
    this.rules = rules;
    this.users = users;
    this.ownership = ownership;
  }

  @Override
  public AuthorizationDecision check(
      Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    HttpServletRequest request = context.getRequest();
    Optional<AccessRules.Match> match = rules.apply(request);
    if (match.isEmpty()) {
      return refuse(
          request,
          "No access rule covers "
              + endpoint(request)
              + ": the endpoint does not exist or is closed to everyone");
    }
    AccessRule rule = match.get().rule();
    if (rule.access() == AccessRule.Access.OPEN) {
      return GRANTED;
    }
    Optional<SignedInUser> signedIn = users.of(authentication.get());
    if (signedIn.isEmpty()) {
      return DENIED;
    }
    if (rule.access() == AccessRule.Access.SIGNED_IN) {
      return GRANTED;
    }
    SignedInUser user = signedIn.get();
    String refusal = null;
    for (Role role : Role.values()) {
      Optional<AccessRule.Grant> grant = user.has(role) ? rule.grantOf(role) : Optional.empty();
      if (grant.isPresent()) {
        Optional<String> why =
            ownership.refusal(grant.get(), value(grant.get(), match.get(), request), user);
        if (why.isEmpty()) {
          return GRANTED;
        }
        refusal = refusal == null ? why.get() : refusal;
      }
    }
    return refuse(
        request,
        refusal != null
            ? refusal
            : "User '"
                + user.username()
                + "' (roles: "
                + String.join(", ", user.roleCodes())
                + ") may not "
                + endpoint(request)
                + "; it is for: "
                + Arrays.stream(Role.values())
                    .filter(r -> rule.grantOf(r).isPresent())
                    .map(Role::code)
                    .collect(Collectors.joining(", ")));
  }

  private static String value(
      AccessRule.Grant grant, AccessRules.Match match, HttpServletRequest request) {
    if (grant.variable() == null) {
      return null;
    }
    return grant.reach() == AccessRule.Reach.OWN_ACCOUNT_PARAM
        ? request.getParameter(grant.variable())
        : match.variables().get(grant.variable());
  }

  private static AuthorizationDecision refuse(HttpServletRequest request, String reason) {
    request.setAttribute(REFUSAL, reason);
    return DENIED;
  }

  private static String endpoint(HttpServletRequest request) {
    return request.getMethod() + " " + request.getRequestURI();
  }
}
