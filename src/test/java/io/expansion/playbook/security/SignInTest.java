package io.expansion.playbook.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * The API's ways in, over real HTTP: HTTP Basic for every user, {@code X-API-Key} for the
 * integration client, bearer JWTs signed by the test's identity provider; and what a stranger gets.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class SignInTest extends SecurityTestBase {

  private final TestRestTemplate http;
  private final TestTokens.Tokens tokens;
  private final ObjectMapper json = new ObjectMapper();

  SignInTest(ApplicationContext context, TestRestTemplate http, TestTokens.Tokens tokens) {
    super(context);
    this.http = http;
    this.tokens = tokens;
  }

  @Test
  void anonymousAndWrongPasswordGet401AsJsonWithABasicChallenge() throws Exception {
    ResponseEntity<String> anonymous = http.getForEntity("/api/accounts", String.class);
    assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic realm=");
    JsonNode body = json.readTree(anonymous.getBody());
    assertThat(body.path("status").asInt()).isEqualTo(401);
    assertThat(body.path("error").asText()).isEqualTo("Unauthorized");
    assertThat(body.path("message").asText()).contains("Sign in first", "curl -u");
    assertThat(body.path("at").asText()).isNotBlank();

    ResponseEntity<String> wrong =
        http.withBasicAuth("csm-03", "not-the-password").getForEntity("/api/me", String.class);
    assertThat(wrong.getStatusCode().value()).isEqualTo(401);
    assertThat(json.readTree(wrong.getBody()).path("message").asText()).contains("Sign-in failed");

    HttpHeaders script = new HttpHeaders();
    script.set("X-Requested-With", "XMLHttpRequest");
    ResponseEntity<String> fromScript =
        http.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(script), String.class);
    assertThat(fromScript.getStatusCode().value()).isEqualTo(401);
    assertThat(fromScript.getHeaders().containsKey("WWW-Authenticate")).isFalse();

    // an anonymous state change is a 401 too, not a CSRF refusal
    assertThat(
            http.postForEntity("/api/scoring/calibrations", null, String.class)
                .getStatusCode()
                .value())
        .isEqualTo(401);
  }

  @Test
  void basicSignInShowsWhoIsAskingAndTheActuatorIsOpsOnlyButHealth() throws Exception {
    JsonNode me =
        json.readTree(
            http.withBasicAuth("manager", PASSWORD)
                .getForEntity("/api/me", String.class)
                .getBody());
    assertThat(me.path("username").asText()).isEqualTo("manager");
    assertThat(me.path("displayName").asText()).isEqualTo("Customer success manager");
    assertThat(json.convertValue(me.path("roles"), List.class)).containsExactly("manager");
    assertThat(json.convertValue(me.path("groups"), List.class))
        .containsExactly("csm", "csm-managers", "revenue-leadership", "sales-managers");
    JsonNode csm =
        json.readTree(
            http.withBasicAuth("csm-03", PASSWORD).getForEntity("/api/me", String.class).getBody());
    assertThat(json.convertValue(csm.path("groups"), List.class)).containsExactly("csm");

    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value())
        .isEqualTo(200);
    assertThat(http.getForEntity("/actuator/info", String.class).getStatusCode().value())
        .isEqualTo(401);
    assertThat(
            http.withBasicAuth("manager", PASSWORD)
                .getForEntity("/actuator/info", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(
            http.withBasicAuth("ops", PASSWORD)
                .getForEntity("/actuator/info", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(200);
    assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode().value())
        .isEqualTo(401);
  }

  @Test
  void theIntegrationClientSendsSignalsWithItsApiKeyAndNothingElse() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    ResponseEntity<String> signal =
        exchange(
            HttpMethod.POST,
            "/api/signals",
            "{\"accountId\":\""
                + account
                + "\",\"type\":\"nps_response\",\"attributes\":{\"score\":9}}",
            apiKey("demo-integration-key"));
    assertThat(signal.getStatusCode().value()).as(signal.getBody()).isEqualTo(202);
    assertThat(signal.getHeaders().get("Set-Cookie")).isNull();

    ResponseEntity<String> accountsWithKey =
        exchange(HttpMethod.GET, "/api/accounts", null, apiKey("demo-integration-key"));
    assertThat(accountsWithKey.getStatusCode().value()).isEqualTo(403);
    assertThat(json.readTree(accountsWithKey.getBody()).path("message").asText())
        .contains("'integration'", "may not GET /api/accounts");
    assertThat(
            exchange(HttpMethod.GET, "/api/signals/types", null, apiKey("wrong-key-1234567890"))
                .getStatusCode()
                .value())
        .isEqualTo(401);
    assertThat(
            http.withBasicAuth("integration", PASSWORD)
                .getForEntity("/api/signals/types", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(200);
    assertThat(
            http.withBasicAuth("integration", PASSWORD)
                .getForEntity("/api/tasks", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(403);
  }

  @Test
  void bearerTokensOfTheConfiguredIssuerSignInWithTheirClaimedRolesAndGroups() throws Exception {
    String token = tokens.token("ana.ops", List.of("ops", "offline_access"), List.of());
    JsonNode me = json.readTree(exchange(HttpMethod.GET, "/api/me", null, bearer(token)).getBody());
    assertThat(me.path("username").asText()).isEqualTo("ana.ops");
    assertThat(me.path("displayName").asText()).isEqualTo("Token ana.ops");
    assertThat(json.convertValue(me.path("roles"), List.class)).containsExactly("ops");
    assertThat(json.convertValue(me.path("groups"), List.class)).containsExactly("ops");
    assertThat(
            exchange(HttpMethod.GET, "/api/scoring/models", null, bearer(token))
                .getStatusCode()
                .value())
        .isEqualTo(200);
    assertThat(
            exchange(HttpMethod.GET, "/api/accounts", null, bearer(token)).getStatusCode().value())
        .isEqualTo(403);

    String manager =
        tokens.token("max.manager", List.of("manager"), List.of("/sales-managers", "/csm"));
    JsonNode managerMe =
        json.readTree(exchange(HttpMethod.GET, "/api/me", null, bearer(manager)).getBody());
    assertThat(json.convertValue(managerMe.path("groups"), List.class))
        .containsExactly("csm", "sales-managers");
    // a token's state change needs no CSRF token: nothing rides on a cookie
    ResponseEntity<String> plan =
        exchange(HttpMethod.POST, "/api/plays/renewal/plan", null, bearer(manager));
    assertThat(plan.getStatusCode().value()).isEqualTo(200);

    for (String refused :
        List.of(
            tokens.expired("ana.ops", List.of("ops")),
            tokens.otherIssuer("ana.ops", List.of("ops")),
            tokens.signedByStranger("ana.ops", List.of("ops")),
            "not-a-jwt")) {
      ResponseEntity<String> answer =
          exchange(HttpMethod.GET, "/api/scoring/models", null, bearer(refused));
      assertThat(answer.getStatusCode().value()).isEqualTo(401);
      assertThat(json.readTree(answer.getBody()).path("status").asInt()).isEqualTo(401);
    }
    String noRoles = tokens.token("nobody", List.of("offline_access"), List.of());
    assertThat(exchange(HttpMethod.GET, "/api/me", null, bearer(noRoles)).getStatusCode().value())
        .isEqualTo(200);
    assertThat(
            exchange(HttpMethod.GET, "/api/scoring/models", null, bearer(noRoles))
                .getStatusCode()
                .value())
        .isEqualTo(403);
  }

  @Test
  void responsesCarrySecurityHeadersAndCorsIsClosed() {
    ResponseEntity<String> answer =
        http.withBasicAuth("leader", PASSWORD).getForEntity("/api/plays", String.class);
    HttpHeaders headers = answer.getHeaders();
    assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
    assertThat(headers.getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(headers.getCacheControl()).contains("no-store");

    HttpHeaders preflight = new HttpHeaders();
    preflight.setOrigin("https://evil.example");
    preflight.setAccessControlRequestMethod(HttpMethod.POST);
    ResponseEntity<String> cors =
        http.exchange(
            "/api/signals", HttpMethod.OPTIONS, new HttpEntity<>(preflight), String.class);
    assertThat(cors.getHeaders().getAccessControlAllowOrigin()).isNull();
  }

  private ResponseEntity<String> exchange(
      HttpMethod method, String path, String body, HttpHeaders headers) {
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  private static HttpHeaders apiKey(String key) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-API-Key", key);
    return headers;
  }

  private static HttpHeaders bearer(String token) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(token);
    return headers;
  }
}
