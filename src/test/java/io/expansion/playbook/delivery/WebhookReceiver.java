package io.expansion.playbook.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiving tool of the webhook channel, as its docs (README) tell a receiver to work, on a
 * random loopback port: it recomputes the HMAC-SHA256 of {@code <timestamp>.<body>} with the shared
 * secret (its own code, not the app's), refuses a bad signature (401) or a timestamp outside its
 * tolerance (a replay, 401), and accepts each idempotency key once (a repeat answers 200 and is not
 * processed again).
 */
final class WebhookReceiver {

  static final String SECRET = "webhook-test-secret";
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** One request as it arrived. */
  record Request(String idempotencyKey, String timestamp, String signature, String body) {}

  private final HttpServer server;
  private final List<Request> received = new CopyOnWriteArrayList<>();
  private final List<String> processed = new CopyOnWriteArrayList<>();
  private final Set<String> seenKeys = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile Supplier<Instant> now = Instant::now;

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hooks/messages", this::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "webhook-receiver");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/messages";
  }

  /** The receiver's own clock (the app's clock in the tests, which the engine moves). */
  void clock(Supplier<Instant> clock) {
    this.now = clock;
  }

  /** The next {@code n} requests are answered 503, as by a receiver that is down. */
  void failNext(int n) {
    failNext.set(n);
  }

  List<Request> received() {
    return List.copyOf(received);
  }

  /** Bodies the receiver accepted and processed, each key once. */
  List<String> processed() {
    return List.copyOf(processed);
  }

  void reset() {
    received.clear();
    processed.clear();
    seenKeys.clear();
    failNext.set(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request =
        new Request(
            exchange.getRequestHeaders().getFirst("Idempotency-Key"),
            exchange.getRequestHeaders().getFirst("X-Expansion-Timestamp"),
            exchange.getRequestHeaders().getFirst("X-Expansion-Signature"),
            body);
    received.add(request);
    int status;
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      status = 503;
    } else if (!genuine(request)) {
      status = 401;
    } else {
      if (seenKeys.add(request.idempotencyKey())) {
        processed.add(body);
      }
      status = 200;
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** Signature and freshness, as a receiver checks them. */
  boolean genuine(Request request) {
    if (request.timestamp() == null || request.signature() == null) {
      return false;
    }
    long sentAt;
    try {
      sentAt = Long.parseLong(request.timestamp());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Duration.between(Instant.ofEpochSecond(sentAt), now.get()).abs().compareTo(TOLERANCE) > 0) {
      return false;
    }
    String expected = "sha256=" + hmacHex(request.timestamp() + "." + request.body());
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        request.signature().getBytes(StandardCharsets.US_ASCII));
  }

  static String hmacHex(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
