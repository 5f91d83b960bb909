package io.expansion.playbook.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.context.TestPropertySource;

/**
 * With one journey allowed in flight and four routing lanes, a burst of intent signals for six
 * accounts is routed one journey at a time: each signal is routed only after the journey the
 * previous one started reached its first wait, and every journey gets there.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@TestPropertySource(
    properties = {
      "expansion.signals.queue.lanes=4",
      "expansion.signals.queue.max-journeys-in-flight=1",
      "management.endpoints.web.exposure.include=health,metrics"
    })
@Import(SignalAdmissionTest.Observer.class)
class SignalAdmissionTest extends JourneyTestBase {

  private final TestRestTemplate http;
  private final TestRestTemplate ops;
  private final Observer observer;
  private final ObjectMapper json = new ObjectMapper();

  SignalAdmissionTest(ApplicationContext context, TestRestTemplate http, Observer observer) {
    super(context);
    this.http = http.withBasicAuth("integration", "demo");
    this.ops = http.withBasicAuth("ops", "demo");
    this.observer = observer;
  }

  /** Notes, as each signal is routed, how many journeys count as in flight. */
  @TestConfiguration
  static class Observer {
    private final JourneysInFlight inFlight;
    final List<Integer> inFlightAtRouting = new CopyOnWriteArrayList<>();

    Observer(JourneysInFlight inFlight) {
      this.inFlight = inFlight;
    }

    @EventListener
    void onRouting(SignalStored signal) {
      inFlightAtRouting.add(inFlight.count());
    }
  }

  @Test
  void aBurstIsAdmittedOneJourneyAtATimeAndEveryJourneyReachesItsFirstWait() throws Exception {
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      accounts.add(fixtures.healthyAccount(Fixtures.allChannels(true)));
    }
    List<Long> accepted = new ArrayList<>();
    for (String account : accounts) {
      ResponseEntity<String> response = post(intent(account));
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
      accepted.add(json.readTree(response.getBody()).path("id").asLong());
    }

    await()
        .atMost(WAIT.multipliedBy(3))
        .until(
            () ->
                jdbc.sql(
                        "SELECT COUNT(*) FROM journeys WHERE account_id IN (:accounts)"
                            + " AND (checkpoint_element IS NOT NULL OR status <> 'ACTIVE')")
                    .param("accounts", accounts)
                    .query(Integer.class)
                    .single(),
            settled -> settled == accounts.size());

    for (long id : accepted) {
      assertThat(signals.find(id).orElseThrow().routing()).isEqualTo("STARTED_JOURNEY");
    }
    assertThat(observer.inFlightAtRouting)
        .as("at each routing only the signal being routed counts: the journey before it settled")
        .hasSize(accounts.size())
        .containsOnly(1);
    await().atMost(WAIT).until(this::inFlightGauge, count -> count == 0);
  }

  private double inFlightGauge() throws Exception {
    JsonNode metric =
        json.readTree(
            ops.getForObject("/actuator/metrics/expansion.journeys.in-flight", String.class));
    return metric.path("measurements").get(0).path("value").asDouble();
  }

  private static String intent(String account) {
    return "{\"accountId\":\"%s\",\"type\":\"intent\",\"attributes\":{\"topic\":\"pricing_page\"}}"
        .formatted(account);
  }

  private ResponseEntity<String> post(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity("/api/signals", new HttpEntity<>(body, headers), String.class);
  }
}
