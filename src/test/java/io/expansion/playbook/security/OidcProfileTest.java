package io.expansion.playbook.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The production sign-in (profile {@code oidc}, which {@code camunda} and {@code postgres}
 * include): no demo users, the browser signs in through the Keycloak client registration, and
 * nothing needs the provider at start-up.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:oidc-profile;DB_CLOSE_DELAY=-1",
      "expansion.engine.embedded-port=0",
      "expansion.demo.load-book=false",
      "expansion.plays.renewal.plan-on-startup=false",
      "expansion.security.oidc.issuer-uri=https://keycloak.test/auth/realms/camunda-platform"
    })
@ActiveProfiles("oidc")
@AutoConfigureMockMvc
class OidcProfileTest {

  @Autowired private MockMvc mvc;
  @Autowired private UserDirectory users;
  @Autowired private ClientRegistrationRepository registrations;

  @Test
  void noDemoUsersAndTheBrowserSignsInThroughKeycloak() throws Exception {
    assertThat(users.usernames()).isEmpty();
    ClientRegistration keycloak = registrations.findByRegistrationId("keycloak");
    assertThat(keycloak.getProviderDetails().getAuthorizationUri())
        .isEqualTo(
            "https://keycloak.test/auth/realms/camunda-platform/protocol/openid-connect/auth");
    assertThat(keycloak.getScopes()).contains("openid");

    MockHttpServletResponse login = mvc.perform(get("/login")).andReturn().getResponse();
    assertThat(login.getContentAsString()).contains("/oauth2/authorization/keycloak");
    MockHttpServletResponse redirect =
        mvc.perform(get("/oauth2/authorization/keycloak")).andReturn().getResponse();
    assertThat(redirect.getRedirectedUrl())
        .startsWith(keycloak.getProviderDetails().getAuthorizationUri())
        .contains("client_id=expansion-playbook", "scope=openid");

    // the demo passwords do not work here
    assertThat(
            mvc.perform(
                    get("/api/me")
                        .with(SecurityMockMvcRequestPostProcessors.httpBasic("manager", "demo")))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(401);
  }
}
