package io.expansion.playbook.security;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/** What both filter chains share: the users, the password encoder and the CORS policy. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

  /** bcrypt for new hashes; the prefix of a configured hash picks its encoder. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /**
   * No Micrometer observation per security filter, authentication and authorisation: each request
   * already has its {@code http.server.requests} observation, and the per-filter wrappers cost
   * about a tenth of the HTTP threads' CPU under signal load (issue 15's profile).
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  UserDirectory userDirectory(SecurityProperties properties, PasswordEncoder encoder) {
    List<SecurityProperties.User> users = new ArrayList<>();
    if (properties.demoUsers()) {
      users.addAll(DemoUsers.of(properties.demoPassword(), properties.integrationApiKey()));
    }
    users.addAll(properties.users());
    UserDirectory directory = UserDirectory.of(users, encoder);
    if (properties.demoUsers()) {
      LOG.warn(
          "Demo users are ON (expansion.security.demo-users=true): csm-01 … csm-08, manager,"
              + " leader, ops, privacy and integration sign in with {}{}; turn them off"
              + " (expansion.security.demo-users=false) anywhere but a demo",
          "demo".equals(properties.demoPassword())
              ? "the password 'demo'"
              : "the password from EXPANSION_DEMO_PASSWORD",
          "demo-integration-key".equals(properties.integrationApiKey())
              ? " (integration also with X-API-Key: demo-integration-key)"
              : " (integration also with the X-API-Key from EXPANSION_INTEGRATION_API_KEY)");
    }
    if (directory.usernames().isEmpty() && !properties.oidc().enabled()) {
      LOG.warn(
          "Nobody can sign in: no demo users, no expansion.security.users and no"
              + " expansion.security.oidc.issuer-uri");
    }
    return directory;
  }

  /** Bearer JWTs of the configured issuer; its keys are fetched on first use, not at start-up. */
  static JwtDecoder issuerDecoder(String issuerUri) {
    return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuerUri));
  }

  /**
   * Closed unless {@code expansion.security.cors.allowed-origins} lists origins; both chains use
   * it.
   */
  @Bean
  CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    SecurityProperties.Cors cors = properties.cors();
    if (!cors.allowedOrigins().isEmpty()) {
      CorsConfiguration configuration = new CorsConfiguration();
      configuration.setAllowedOrigins(cors.allowedOrigins());
      configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
      configuration.setAllowedHeaders(
          List.of(
              "Authorization",
              "Content-Type",
              ApiKeyAuthentication.HEADER,
              "X-XSRF-TOKEN",
              "X-Requested-With"));
      configuration.setAllowCredentials(cors.allowCredentials());
      source.registerCorsConfiguration("/**", configuration);
    }
    return source;
  }
}
