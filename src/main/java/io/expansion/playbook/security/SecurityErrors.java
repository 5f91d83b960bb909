package io.expansion.playbook.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.OffsetDateTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The API's 401 and 403 answers, in the same JSON shape as every other refusal ({@code status},
 * {@code error}, {@code message}, {@code at}; see {@code web.ApiExceptionHandler}) — never a
 * redirect to the login page.
 */
final class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String REALM = "Basic realm=\"expansion-playbook\"";

  /** The error body, as {@code web.ApiExceptionHandler} writes it. */
  record ApiError(int status, String error, String message, OffsetDateTime at) {}

  private final ObjectMapper json;

  SecurityErrors(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    // A browser script sends X-Requested-With so the browser shows no password dialog of its own.
    if (request.getHeader("X-Requested-With") == null) {
      response.setHeader("WWW-Authenticate", REALM);
    }
    String message =
        e instanceof InsufficientAuthenticationException
            ? "Sign in first: HTTP Basic (e.g. curl -u csm-03:demo), an X-API-Key header for the"
                + " integration client, a bearer token, or the login form's session"
            : "Sign-in failed: " + e.getMessage();
    write(response, HttpStatus.UNAUTHORIZED, message);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    String message;
    if (e instanceof CsrfException) {
      message =
          "CSRF token missing or invalid: a signed-in browser session must send the XSRF-TOKEN"
              + " cookie's value in the X-XSRF-TOKEN header";
    } else if (request.getAttribute(AccessDecisions.REFUSAL) instanceof String reason) {
      message = reason;
    } else {
      message = "Access denied to " + request.getMethod() + " " + request.getRequestURI();
    }
    write(response, HttpStatus.FORBIDDEN, message);
  }

  private void write(HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(
        response.getOutputStream(),
        new ApiError(status.value(), status.getReasonPhrase(), message, OffsetDateTime.now()));
  }
}
