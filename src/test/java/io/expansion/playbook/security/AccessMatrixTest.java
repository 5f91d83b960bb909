package io.expansion.playbook.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.servlet.WebMvcEndpointHandlerMapping;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every handler mapping of the app — its controllers, springdoc's and the actuator's — and
 * checks anonymous access and each role against the access matrix: an endpoint without a rule, or
 * one that answers differently from its rule, fails the build. Path variables name objects that do
 * not exist, so a role the rule lets in reaches the endpoint (404, 400, …) and never 401/403.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class AccessMatrixTest extends SecurityTestBase {

  private static final String MISSING = "999999";

  private final MockMvc mvc;
  private final UserDirectory users;
  private final List<RequestMappingInfoHandlerMapping> mappings;
  private final ObjectMapper json = new ObjectMapper();

  AccessMatrixTest(
      ApplicationContext context,
      MockMvc mvc,
      UserDirectory users,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping app,
      WebMvcEndpointHandlerMapping actuator) {
    super(context);
    this.mvc = mvc;
    this.users = users;
    this.mappings = List.of(app, actuator);
  }

  /** One method and concrete path per mapped endpoint. */
  record Endpoint(HttpMethod method, String pattern, String path) {
    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  @TestFactory
  Stream<DynamicTest> everyEndpointAnswersAnonymousAndEachRoleAsItsRuleSays() {
    List<Endpoint> endpoints = endpoints();
    assertThat(endpoints).hasSizeGreaterThan(40);
    return endpoints.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> check(e)));
  }

  @Test
  void everyApiRuleCoversAMappedEndpoint() {
    List<Endpoint> endpoints = endpoints();
    for (AccessRule rule : AccessRules.API) {
      boolean used =
          endpoints.stream().anyMatch(e -> rule(e).filter(m -> m.rule() == rule).isPresent());
      assertThat(used)
          .as("rule %s %s matches no endpoint", rule.methodName(), rule.paths())
          .isTrue();
    }
  }

  private void check(Endpoint endpoint) throws Exception {
    AccessRule rule =
        rule(endpoint)
            .map(AccessRules.Match::rule)
            .orElseThrow(() -> new AssertionError("No access rule for " + endpoint));
    boolean api = isApi(endpoint.path());
    MockHttpServletResponse anonymous = perform(endpoint, null);
    if (rule.access() == AccessRule.Access.OPEN) {
      assertThat(anonymous.getStatus()).as("anonymous " + endpoint).isNotIn(401, 403);
    } else if (api) {
      assertThat(anonymous.getStatus()).as("anonymous " + endpoint).isEqualTo(401);
      assertError(anonymous, 401);
    } else {
      assertThat(anonymous.getStatus()).as("anonymous " + endpoint).isEqualTo(302);
      assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
    }
    for (Role role : Role.values()) {
      boolean allowed = rule.access() != AccessRule.Access.ROLES || rule.grantOf(role).isPresent();
      MockHttpServletResponse response =
          perform(endpoint, users.loadUserByUsername(demoUser(role)));
      String what = role.code() + " " + endpoint + ": " + response.getContentAsString();
      if (allowed) {
        assertThat(response.getStatus()).as(what).isNotIn(401, 403);
      } else {
        assertThat(response.getStatus()).as(what).isEqualTo(403);
        assertThat(assertError(response, 403).path("message").asText()).contains("may not");
      }
    }
  }

  private MockHttpServletResponse perform(Endpoint endpoint, DirectoryUser as) throws Exception {
    var request = MockMvcRequestBuilders.request(endpoint.method(), endpoint.path());
    if (as != null) {
      request.with(user(as));
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  private JsonNode assertError(MockHttpServletResponse response, int status) throws Exception {
    JsonNode body = json.readTree(response.getContentAsString());
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("error").asText()).isNotBlank();
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(body.path("at").asText()).isNotBlank();
    return body;
  }

  private static Optional<AccessRules.Match> rule(Endpoint endpoint) {
    MockHttpServletRequest request =
        new MockHttpServletRequest(endpoint.method().name(), endpoint.path());
    return isApi(endpoint.path())
        ? AccessRules.matchApi(request)
        : AccessRules.matchBrowser(request);
  }

  private static boolean isApi(String path) {
    return path.startsWith("/api/") || path.startsWith("/v3/") || path.startsWith("/actuator");
  }

  private List<Endpoint> endpoints() {
    Set<Endpoint> endpoints = new LinkedHashSet<>();
    for (RequestMappingInfoHandlerMapping mapping : mappings) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<HttpMethod> http = new ArrayList<>();
        if (methods.isEmpty()) {
          http.add(HttpMethod.GET);
        } else {
          methods.forEach(m -> http.add(HttpMethod.valueOf(m.name())));
        }
        for (String pattern : info.getPatternValues()) {
          for (HttpMethod method : http) {
            endpoints.add(new Endpoint(method, pattern, concrete(pattern)));
          }
        }
      }
    }
    return new ArrayList<>(endpoints);
  }

  private static String concrete(String pattern) {
    return pattern.replaceAll("/\\*\\*$", "/liveness").replaceAll("\\{[^}]+}", MISSING);
  }
}
