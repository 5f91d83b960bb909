package io.expansion.playbook.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * {@code X-API-Key} sign-in for integration clients, on Spring Security's generic {@link
 * AuthenticationFilter}: a request with the header is signed in as the key's client (for this
 * request only, no session) or refused with 401.
 */
final class ApiKeyAuthentication {

  static final String HEADER = "X-API-Key";

  private ApiKeyAuthentication() {}

  /** A presented key, not yet checked. */
  static final class ApiKey extends AbstractAuthenticationToken {
    private final String key;

    ApiKey(String key) {
      super(List.of());
      this.key = key;
    }

    @Override
    public Object getCredentials() {
      return key;
    }

    @Override
    public Object getPrincipal() {
      return "api-key";
    }
  }

  static AuthenticationFilter filter(UserDirectory users, AuthenticationEntryPoint failure) {
    AuthenticationProvider provider =
        new AuthenticationProvider() {
          @Override
          public Authentication authenticate(Authentication presented) {
            DirectoryUser client =
                users
                    .byApiKey((String) presented.getCredentials())
                    .orElseThrow(() -> new BadCredentialsException("Unknown API key"));
            return UsernamePasswordAuthenticationToken.authenticated(
                client, null, client.getAuthorities());
          }

          @Override
          public boolean supports(Class<?> type) {
            return ApiKey.class.isAssignableFrom(type);
          }
        };
    AuthenticationFilter filter =
        new AuthenticationFilter(
            new ProviderManager(provider),
            (HttpServletRequest request) -> {
              String key = request.getHeader(HEADER);
              return key == null ? null : new ApiKey(key);
            });
    filter.setRequestMatcher(request -> request.getHeader(HEADER) != null);
    filter.setSuccessHandler((request, response, authentication) -> {});
    filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(failure));
    return filter;
  }
}
