package io.expansion.playbook.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.consent.TouchGate.SendCommand;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * The consent registry over HTTP: changes and history by the account's CSM ({@code csm-01}, the
 * test accounts' owner), export and erasure by {@code privacy}.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ConsentRegistryApiTest extends JourneyTestBase {

  private final TestRestTemplate csm;
  private final TestRestTemplate privacy;
  private final TouchGate gate;
  private final ObjectMapper json = new ObjectMapper();

  ConsentRegistryApiTest(ApplicationContext context, TestRestTemplate http, TouchGate gate) {
    super(context);
    this.csm = http.withBasicAuth("csm-01", "demo");
    this.privacy = http.withBasicAuth("privacy", "demo");
    this.gate = gate;
  }

  @Test
  void changesAreIdempotentAndKeepAFullHistory() throws Exception {
    String contact = fixtures.healthyAccount(Fixtures.allChannels(true)) + "-C1";

    JsonNode current = get("/api/contacts/" + contact + "/consents");
    assertThat(current.path("consents")).hasSize(4);

    String change =
        "{\"channel\":\"email\",\"optedIn\":false,\"source\":\"preference-center\","
            + "\"idempotencyKey\":\"pc-"
            + contact
            + "\"}";
    ResponseEntity<String> first =
        send(HttpMethod.POST, "/api/contacts/" + contact + "/consents", change);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(decision(contact.replace("-C1", ""), "consent-change").actor()).isEqualTo("csm-01");
    ResponseEntity<String> replay =
        send(HttpMethod.POST, "/api/contacts/" + contact + "/consents", change);
    assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(replay.getBody()).path("change").path("id").asLong())
        .isEqualTo(json.readTree(first.getBody()).path("change").path("id").asLong());
    ResponseEntity<String> reused =
        send(
            HttpMethod.POST,
            "/api/contacts/" + contact + "/consents",
            change.replace("\"optedIn\":false", "\"optedIn\":true"));
    assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    ResponseEntity<String> put =
        send(
            HttpMethod.PUT,
            "/api/contacts/" + contact + "/consents",
            "{\"consents\":{\"sms\":true,\"in_app\":false},\"source\":\"csm:jane\"}");
    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
    // The same PUT again changes nothing and writes no history.
    send(
        HttpMethod.PUT,
        "/api/contacts/" + contact + "/consents",
        "{\"consents\":{\"sms\":true,\"in_app\":false},\"source\":\"csm:jane\"}");

    Map<String, Boolean> state = new java.util.TreeMap<>();
    get("/api/contacts/" + contact + "/consents")
        .path("consents")
        .forEach(c -> state.put(c.path("channel").asText(), c.path("optedIn").asBoolean()));
    assertThat(state)
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of("csm", true, "email", false, "in_app", false, "sms", true)));

    List<String> history = new ArrayList<>();
    get("/api/contacts/" + contact + "/consents/history")
        .forEach(
            h ->
                history.add(
                    h.path("channel").asText()
                        + "="
                        + h.path("optedIn").asBoolean()
                        + "@"
                        + h.path("source").asText()));
    assertThat(history)
        .containsExactly(
            "csm=true@test",
            "email=true@test",
            "email=false@preference-center",
            "sms=false@test",
            "sms=true@csm:jane",
            "in_app=true@test",
            "in_app=false@csm:jane")
        .hasSize(7);
  }

  @Test
  void unknownContactIs404AndBadInputIs400() {
    String contact = fixtures.healthyAccount(Fixtures.allChannels(true)) + "-C1";
    assertThat(send(HttpMethod.GET, "/api/contacts/NOPE/consents", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(send(HttpMethod.GET, "/api/contacts/NOPE/export", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(send(HttpMethod.DELETE, "/api/contacts/NOPE/personal-data", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            send(
                    HttpMethod.POST,
                    "/api/contacts/NOPE/consents",
                    "{\"channel\":\"email\",\"optedIn\":true}")
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<String> fax =
        send(
            HttpMethod.POST,
            "/api/contacts/" + contact + "/consents",
            "{\"channel\":\"fax\",\"optedIn\":true}");
    assertThat(fax.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fax.getBody()).contains("Unknown channel 'fax'");
    ResponseEntity<String> noValue =
        send(HttpMethod.POST, "/api/contacts/" + contact + "/consents", "{\"channel\":\"sms\"}");
    assertThat(noValue.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noValue.getBody()).contains("optedIn");
    ResponseEntity<String> mixed =
        send(
            HttpMethod.PUT,
            "/api/contacts/" + contact + "/consents",
            "{\"consents\":{\"sms\":true,\"pigeon\":true}}");
    assertThat(mixed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(
            send(HttpMethod.POST, "/api/contacts/" + contact + "/consents", "{\"channel\":")
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    // Nothing of the refused requests was stored.
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM consent_changes WHERE contact_id = ?")
                .param(contact)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void exportHasEverythingAndErasureKeepsTheAnonymisedDecisionLog() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String contact = account + "-C1";
    String email = account.toLowerCase() + "@example.test";
    // midnight at the account: the touch is deferred past quiet hours, so its message stays
    // pending (the relay cannot send it before the erasure cancels it)
    fixtures.atLocalHour(account, Instant.now(), 0);
    gate.send(
        new SendCommand(
            "welcome:" + account,
            account,
            "play-" + account,
            "onboarding",
            new TouchIntent("service", List.of("email"), null, false),
            null,
            "Welcome aboard",
            "Hello Contact " + account + ", here is how to start."));
    decisions.record(
        null,
        account,
        null,
        "csm-note",
        "noted",
        "Spoke with Contact " + account + " (" + email + ")",
        Map.of("email", email));

    JsonNode export = get("/api/contacts/" + contact + "/export");
    assertThat(export.path("contact").path("email").asText()).isEqualTo(email);
    assertThat(export.path("consents")).hasSize(4);
    assertThat(export.path("touches")).hasSize(1);
    assertThat(export.path("messages")).hasSize(1);
    assertThat(export.path("messages").get(0).path("recipient").asText()).isEqualTo(email);
    assertThat(export.path("messages").get(0).path("status").asText()).isEqualTo("PENDING");
    int decisionsBefore = decisionLog(account).size();
    int touchesBefore = count("touches", account);

    ResponseEntity<String> erased =
        send(HttpMethod.DELETE, "/api/contacts/" + contact + "/personal-data", null);
    assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode erasure = json.readTree(erased.getBody());
    assertThat(erasure.path("messagesPseudonymised").asInt()).isEqualTo(1);
    assertThat(erasure.path("channelsOptedOut").asInt()).isEqualTo(3);
    assertThat(erasure.path("alreadyErased").asBoolean()).isFalse();

    JsonNode after = get("/api/contacts/" + contact + "/export");
    assertThat(after.path("contact").path("email").isNull()).isTrue();
    assertThat(after.path("contact").path("name").asText()).isEqualTo("[erased]");
    assertThat(after.path("messages").get(0).path("recipient").asText())
        .isEqualTo("erased:" + contact);
    assertThat(after.path("messages").get(0).path("body").asText()).isEqualTo("[erased]");
    assertThat(after.path("messages").get(0).path("status").asText()).isEqualTo("CANCELLED");
    after.path("consents").forEach(c -> assertThat(c.path("optedIn").asBoolean()).isFalse());
    assertThat(after.toString()).doesNotContain(email).doesNotContain("Contact " + account);

    // The decision log stays countable: same rows plus the erasure, none naming the person.
    var log = decisionLog(account);
    assertThat(log).hasSize(decisionsBefore + 1);
    assertThat(log.toString()).doesNotContain(email).doesNotContain("Contact " + account);
    assertThat(decision(account, "erasure").rationale()).contains(contact, "erased on request");
    assertThat(decision(account, "erasure").actor()).isEqualTo("privacy");
    assertThat(count("touches", account)).isEqualTo(touchesBefore);

    assertThat(
            json.readTree(
                    send(HttpMethod.POST, "/api/contacts/" + contact + "/erasure", null).getBody())
                .path("alreadyErased")
                .asBoolean())
        .isTrue();
    assertThat(
            send(
                    HttpMethod.POST,
                    "/api/contacts/" + contact + "/consents",
                    "{\"channel\":\"email\",\"optedIn\":true}")
                .getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(
            gate.check(account, new TouchIntent("service", List.of("email"), null, false))
                .blockedBy())
        .isEqualTo("consent");
  }

  private JsonNode get(String path) throws Exception {
    ResponseEntity<String> response = as(path).getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private ResponseEntity<String> send(HttpMethod method, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(path).exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  /** Personal-data requests are the privacy officer's; consent is the account's CSM's. */
  private TestRestTemplate as(String path) {
    return path.endsWith("/export") || path.endsWith("/personal-data") || path.endsWith("/erasure")
        ? privacy
        : csm;
  }
}
