package io.expansion.playbook.security;

import io.expansion.playbook.support.JourneyTestBase;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The real app with its demo users and a test identity provider ({@link TestTokens}), on its own
 * in-memory database; requests through MockMvc or HTTP.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:security;DB_CLOSE_DELAY=-1",
      "expansion.engine.embedded-port=0",
      "expansion.demo.load-book=false",
      "expansion.plays.renewal.plan-on-startup=false",
      // Spring Security's generated login page (the app's default is the workspace's, /login;
      // LoginPageTest covers a front end's page)
      "expansion.security.login-page="
    })
@AutoConfigureMockMvc
@Import(TestTokens.class)
abstract class SecurityTestBase extends JourneyTestBase {

  /** The demo users' password. */
  static final String PASSWORD = "demo";

  /** The demo user holding each role. */
  static String demoUser(Role role) {
    return switch (role) {
      case CSM -> "csm-01";
      case MANAGER -> "manager";
      case LEADERSHIP -> "leader";
      case OPS -> "ops";
      case PRIVACY -> "privacy";
      case INTEGRATION -> "integration";
    };
  }

  SecurityTestBase(ApplicationContext context) {
    super(context);
  }
}
