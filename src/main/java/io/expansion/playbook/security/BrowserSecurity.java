package io.expansion.playbook.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The browser's filter chain (every path the API chain does not take): the login form at {@code
 * /login} — Spring Security's own page, or the front end's when {@code
 * expansion.security.login-page} is set — OIDC login when a client registration is configured,
 * logout, CSRF on every state-changing request, and a redirect to the login page for pages asked
 * for before signing in. Authorisation is {@link AccessRules#BROWSER}.
 */
@Configuration(proxyBeanMethods = false)
class BrowserSecurity {

  @Bean
  @Order(2)
  SecurityFilterChain browserFilterChain(
      HttpSecurity http,
      CurrentUser currentUser,
      Ownership ownership,
      SecurityProperties properties,
      ObjectProvider<ClientRegistrationRepository> clientRegistrations)
      throws Exception {
    boolean custom = properties.customLoginPage();
    http.authorizeHttpRequests(
            authorize -> {
              if (custom) {
                authorize
                    .requestMatchers(
                        PathPatternRequestMatcher.withDefaults()
                            .matcher(pathOf(properties.loginPage())))
                    .permitAll();
              }
              authorize
                  .anyRequest()
                  .access(new AccessDecisions(AccessRules::matchBrowser, currentUser, ownership));
            })
        .formLogin(
            form -> {
              if (custom) {
                form.loginPage(properties.loginPage());
              }
              form.loginProcessingUrl("/login");
            })
        .logout(logout -> logout.logoutUrl("/logout"))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(BrowserCsrf.repository())
                    .csrfTokenRequestHandler(BrowserCsrf.requestHandler()))
        .cors(Customizer.withDefaults())
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives(properties.contentSecurityPolicy()))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    if (clientRegistrations.getIfAvailable() != null) {
      TokenSignIn tokens = new TokenSignIn(properties.oidc());
      http.oauth2Login(
          login -> {
            if (custom) {
              login.loginPage(properties.loginPage());
            }
            login.userInfoEndpoint(info -> info.oidcUserService(tokens.oidcUserService()));
          });
    }
    return http.build();
  }

  /** {@code /login?x} → {@code /login}. */
  private static String pathOf(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
