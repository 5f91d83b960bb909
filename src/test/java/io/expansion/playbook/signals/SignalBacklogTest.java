package io.expansion.playbook.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * A burst above the backlog's bound: the signals within it are stored and answered 202, the rest
 * 429 with {@code Retry-After} and nothing stored; once the lane moves again the backlog drains,
 * every accepted signal reaches its journey in order, and the gauge goes back to zero.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@TestPropertySource(
    properties = {
      "expansion.signals.queue.capacity=" + SignalBacklogTest.CAPACITY,
      "expansion.signals.queue.lanes=1",
      "management.endpoints.web.exposure.include=health,metrics"
    })
@Import(SignalBacklogTest.Gate.class)
class SignalBacklogTest extends JourneyTestBase {

  static final int CAPACITY = 6;

  private final TestRestTemplate http;
  private final TestRestTemplate ops;
  private final Gate gate;
  private final SignalQueue queue;
  private final ObjectMapper json = new ObjectMapper();

  SignalBacklogTest(ApplicationContext context, TestRestTemplate http, Gate gate) {
    super(context);
    this.http = http.withBasicAuth("integration", "demo");
    this.ops = http.withBasicAuth("ops", "demo");
    this.gate = gate;
    this.queue = context.getBean(SignalQueue.class);
  }

  /** Holds the single routing lane at the first signal it routes while closed (test only). */
  @TestConfiguration
  static class Gate {
    private final Semaphore open = new Semaphore(0);
    private volatile boolean closed;

    @EventListener
    void onRouting(SignalStored signal) throws InterruptedException {
      if (closed && !open.tryAcquire(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    }

    void close() {
      closed = true;
    }

    void open() {
      closed = false;
      open.release(1000);
    }
  }

  @Test
  void aBurstAboveTheBoundIsRefusedWith429AndTheAcceptedBacklogDrains() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String other = fixtures.healthyAccount(Fixtures.allChannels(true));
    int storedBefore = count("signals");
    gate.close();

    List<Long> accepted = new ArrayList<>();
    List<ResponseEntity<String>> refused = new ArrayList<>();
    for (int i = 0; i < CAPACITY + 4; i++) {
      String body =
          i % 2 == 0
              ? intent(account, "burst-" + i)
              : "{\"accountId\":\"%s\",\"type\":\"license_utilization\",\"attributes\":{\"utilizationPct\":%d}}"
                  .formatted(other, 50 + i);
      ResponseEntity<String> response = post("/api/signals", body);
      if (response.getStatusCode() == HttpStatus.ACCEPTED) {
        JsonNode signal = json.readTree(response.getBody());
        assertThat(signal.path("routing").asText()).isEqualTo("QUEUED");
        accepted.add(signal.path("id").asLong());
      } else {
        refused.add(response);
      }
    }

    assertThat(accepted).hasSize(CAPACITY);
    assertThat(refused).hasSize(4);
    for (ResponseEntity<String> response : refused) {
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
      assertThat(Long.parseLong(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
          .isBetween(1L, 60L);
      assertThat(json.readTree(response.getBody()).path("message").asText())
          .contains("backlog is full", "nothing was stored");
    }
    assertThat(count("signals"))
        .as("refused signals store nothing")
        .isEqualTo(storedBefore + CAPACITY);
    assertThat(backlog()).isEqualTo(CAPACITY);

    // a batch while full: every item throttled, none stored
    JsonNode batch =
        json.readTree(post("/api/signals/batch", "[" + intent(account, "batch-1") + "]").getBody());
    assertThat(batch.path("throttled").asInt()).isEqualTo(1);
    assertThat(batch.path("items").get(0).path("status").asText()).isEqualTo("throttled");

    gate.open();
    await().atMost(WAIT).until(this::backlog, depth -> depth == 0);

    List<String> routings = new ArrayList<>();
    for (long id : accepted) {
      routings.add(signals.find(id).orElseThrow().routing());
    }
    assertThat(routings).doesNotContain(SignalService.QUEUED);
    assertThat(routings.get(0))
        .as("the first signal of each account starts its journey")
        .isEqualTo("STARTED_JOURNEY");
    assertThat(routings.get(1)).isEqualTo("STARTED_JOURNEY");
    assertThat(routings.subList(2, CAPACITY)).containsOnly("DELIVERED_TO_JOURNEY");
    List<java.time.OffsetDateTime> routedAt =
        jdbc.sql("SELECT routed_at FROM signals WHERE account_id = ? ORDER BY id")
            .param(account)
            .query(java.time.OffsetDateTime.class)
            .list();
    assertThat(routedAt)
        .as("an account's signals are routed in the order accepted")
        .doesNotContainNull()
        .isSorted();
    assertThat(post("/api/signals", intent(account, "after")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
  }

  /**
   * A held queue (the simulator's, while it sends a day's signals) stores and queues what it
   * accepts and routes nothing; released, it routes what it held in the order accepted.
   */
  @Test
  void aHeldQueueRoutesNothingUntilReleasedThenInOrder() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    List<Long> accepted = new ArrayList<>();
    queue.hold();
    try {
      for (int i = 0; i < 3; i++) {
        ResponseEntity<String> response = post("/api/signals", intent(account, "held-" + i));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        accepted.add(json.readTree(response.getBody()).path("id").asLong());
      }
      Thread.sleep(500);
      for (long id : accepted) {
        assertThat(signals.find(id).orElseThrow().routing())
            .as("held, not routed")
            .isEqualTo(SignalService.QUEUED);
      }
      assertThat(queue.depth()).isEqualTo(3);
    } finally {
      queue.release();
    }
    await().atMost(WAIT).until(queue::depth, depth -> depth == 0);
    assertThat(signals.find(accepted.get(0)).orElseThrow().routing()).isEqualTo("STARTED_JOURNEY");
    List<Long> routedInOrder =
        jdbc.sql("SELECT id FROM signals WHERE account_id = ? ORDER BY routed_at, id")
            .param(account)
            .query(Long.class)
            .list();
    assertThat(routedInOrder).containsExactlyElementsOf(accepted);
  }

  private double backlog() throws Exception {
    JsonNode metric =
        json.readTree(
            ops.getForObject("/actuator/metrics/expansion.signals.backlog", String.class));
    return metric.path("measurements").get(0).path("value").asDouble();
  }

  private static String intent(String account, String key) {
    return "{\"accountId\":\"%s\",\"type\":\"intent\",\"attributes\":{\"topic\":\"pricing_page\"},\"idempotencyKey\":\"%s-%s\"}"
        .formatted(account, key, account);
  }

  private ResponseEntity<String> post(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  private int count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
  }
}
