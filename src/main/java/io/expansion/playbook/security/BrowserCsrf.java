package io.expansion.playbook.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;

/**
 * CSRF for browser sessions, readable by a single-page app: the token lives in the {@code
 * XSRF-TOKEN} cookie (not HttpOnly) and comes back in the {@code X-XSRF-TOKEN} header as is, or —
 * from a server-rendered form such as the login page — as the masked {@code _csrf} parameter.
 * Requests that carry their own credentials (HTTP Basic, bearer token, API key) cannot be forged by
 * another site and need no token.
 */
final class BrowserCsrf {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "TRACE", "OPTIONS");

  private BrowserCsrf() {}

  /** One repository for both chains, so the login page's token is the API's too. */
  static CookieCsrfTokenRepository repository() {
    return CookieCsrfTokenRepository.withHttpOnlyFalse();
  }

  /** Whether the request brings its own credentials instead of riding on a session cookie. */
  static boolean carriesCredentials(HttpServletRequest request) {
    if (request.getHeader(ApiKeyAuthentication.HEADER) != null) {
      return true;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      return false;
    }
    String scheme = authorization.trim().toLowerCase(Locale.ROOT);
    return scheme.startsWith("basic ") || scheme.startsWith("bearer ");
  }

  /**
   * The API needs the token for a state-changing request that rides on a signed-in session. One
   * without a session is anonymous (and gets 401), one with its own credentials cannot be forged.
   */
  static RequestMatcher apiRequiresToken() {
    return request ->
        !SAFE_METHODS.contains(request.getMethod())
            && request.getSession(false) != null
            && !carriesCredentials(request);
  }

  /** Accepts the raw cookie value in the header (an SPA) or the masked form parameter. */
  static CsrfTokenRequestHandler requestHandler() {
    return new CsrfTokenRequestHandler() {
      private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();
      private final CsrfTokenRequestHandler xor = new XorCsrfTokenRequestAttributeHandler();

      @Override
      public void handle(
          HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        // BREACH protection for tokens rendered into pages ...
        xor.handle(request, response, token);
        // ... and the cookie issued on the first browser response, so a script can read it.
        if (!carriesCredentials(request)) {
          token.get();
        }
      }

      @Override
      public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        String header = request.getHeader(token.getHeaderName());
        return StringUtils.hasText(header)
            ? plain.resolveCsrfTokenValue(request, token)
            : xor.resolveCsrfTokenValue(request, token);
      }
    };
  }
}
