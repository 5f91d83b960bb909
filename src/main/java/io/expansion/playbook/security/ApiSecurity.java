package io.expansion.playbook.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The API's filter chain ({@code /api/**}, {@code /v3/api-docs/**}, {@code /actuator/**}): HTTP
 * Basic for every user, {@code X-API-Key} for integration clients, bearer JWTs when an issuer is
 * configured, and the browser's session. Authorisation is {@link AccessRules#API}; 401 and 403 are
 * JSON. It never creates a session; a request on the browser's session needs the CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

  @Bean
  @Order(1)
  SecurityFilterChain apiFilterChain(
      HttpSecurity http,
      UserDirectory users,
      CurrentUser currentUser,
      Ownership ownership,
      ObjectMapper json,
      SecurityProperties properties,
      ObjectProvider<JwtDecoder> jwtDecoders)
      throws Exception {
    SecurityErrors errors = new SecurityErrors(json);
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(
            new OrRequestMatcher(
                AccessRules.API_PATHS.stream().<RequestMatcher>map(paths::matcher).toList()))
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .anyRequest()
                    .access(new AccessDecisions(AccessRules::matchApi, currentUser, ownership)))
        .httpBasic(basic -> basic.authenticationEntryPoint(errors))
        .addFilterBefore(
            ApiKeyAuthentication.filter(users, errors), BasicAuthenticationFilter.class)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(BrowserCsrf.repository())
                    .csrfTokenRequestHandler(BrowserCsrf.requestHandler())
                    .requireCsrfProtectionMatcher(BrowserCsrf.apiRequiresToken()))
        .cors(Customizer.withDefaults())
        .headers(
            headers ->
                headers.contentSecurityPolicy(
                    csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
        .exceptionHandling(
            exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors));
    JwtDecoder decoder =
        jwtDecoders.getIfAvailable(
            () ->
                properties.oidc().enabled()
                    ? SecurityConfiguration.issuerDecoder(properties.oidc().issuerUri())
                    : null);
    if (decoder != null) {
      TokenSignIn tokens = new TokenSignIn(properties.oidc());
      http.oauth2ResourceServer(
          server ->
              server
                  .jwt(
                      jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(tokens.jwtConverter()))
                  .authenticationEntryPoint(errors)
                  .accessDeniedHandler(errors));
    }
    return http.build();
  }
}
