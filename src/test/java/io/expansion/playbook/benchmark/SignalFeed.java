package io.expansion.playbook.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Seam: the signal stream and how it reaches the app ({@code POST /api/signals} over real HTTP).
 * The payload shape lives only in {@link #payload}; re-point it here when signal validation or
 * batch ingestion changes the API.
 */
final class SignalFeed {

  /** A kind of signal with its attributes and its share of the stream. */
  record Kind(String type, Map<String, Object> attributes, double share) {}

  /**
   * The stream: mostly intent and usage signals that qualify for a play, a few that do not (a
   * closed support case), as a product-led SaaS book produces them.
   */
  static final List<Kind> MIX =
      List.of(
          new Kind("intent", Map.of("topic", "pricing_page"), 0.60),
          new Kind("product_usage", Map.of("activeUsersChangePct", 18), 0.15),
          new Kind("product_usage", Map.of("featureAdopted", "workflows"), 0.05),
          new Kind("license_utilization", Map.of("utilizationPct", 86), 0.12),
          new Kind("support_case_closed", Map.of("caseId", "C-1"), 0.08));

  static final Kind INTENT = MIX.getFirst();

  /**
   * What the app answered and, for a queued signal, where the queue routed it. {@code status} 429
   * is back pressure (nothing stored), -1 no answer.
   */
  record Accepted(int status, String routing, String journeyId) {
    boolean startedJourney() {
      return status == 202 && "STARTED_JOURNEY".equals(routing);
    }

    boolean throttled() {
      return status == 429;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ObjectMapper json = new ObjectMapper();
  private final URI signals;
  private final String apiKey;
  private final String runId = Long.toString(System.nanoTime(), 36);

  private final SignalRoutings routings;

  /**
   * @param apiKey the integration client's {@code X-API-Key} (a key check costs a hash, where HTTP
   *     Basic would cost a bcrypt per signal)
   */
  SignalFeed(URI baseUri, SignalRoutings routings, String apiKey) {
    this.signals = baseUri.resolve("/api/signals");
    this.routings = routings;
    this.apiKey = apiKey;
  }

  static Kind pick(Random random) {
    double x = random.nextDouble();
    for (Kind kind : MIX) {
      x -= kind.share();
      if (x < 0) {
        return kind;
      }
    }
    return MIX.getLast();
  }

  CompletableFuture<Accepted> post(String accountId, Kind kind, long sequence) {
    HttpRequest request =
        HttpRequest.newBuilder(signals)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-API-Key", apiKey)
            .POST(HttpRequest.BodyPublishers.ofString(payload(accountId, kind, sequence)))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenCompose(this::accepted);
  }

  private String payload(String accountId, Kind kind, long sequence) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accountId", accountId);
    body.put("type", kind.type());
    body.put("attributes", kind.attributes());
    body.put("idempotencyKey", "bench-" + runId + "-" + sequence);
    try {
      return json.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The answer; a queued signal completes once the queue has routed it. */
  private CompletableFuture<Accepted> accepted(HttpResponse<String> response) {
    JsonNode node;
    try {
      node = json.readTree(response.body());
    } catch (Exception e) {
      return CompletableFuture.completedFuture(new Accepted(response.statusCode(), null, null));
    }
    String routing = node.path("routing").asText(null);
    if (response.statusCode() == 202 && "QUEUED".equals(routing)) {
      return routings
          .routed(node.path("id").asLong())
          .thenApply(r -> new Accepted(202, r.routing(), r.journeyId()));
    }
    return CompletableFuture.completedFuture(
        new Accepted(response.statusCode(), routing, node.path("journeyId").asText(null)));
  }
}
