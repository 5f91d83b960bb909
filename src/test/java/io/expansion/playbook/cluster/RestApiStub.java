package io.expansion.playbook.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A local stand-in for the Orchestration Cluster's REST API and its OIDC token endpoint: every
 * request is checked against {@link OrchestrationApi} and recorded; the answers come from {@link
 * ClusterState}, shaped as the spec's response schemas. No request is let through unchecked: one
 * outside the contract gets a 404 and a recorded violation.
 */
final class RestApiStub implements AutoCloseable {

  static final String TOKEN_PATH = "/oauth/token";

  /** One request as the stub received it. */
  record Exchange(
      String operation,
      String method,
      String path,
      Map<String, String> pathVariables,
      Map<String, List<String>> headers,
      String body,
      JsonNode json) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ClusterState state;
  private final String token = "stub-token-" + UUID.randomUUID();
  final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
  final List<String> violations = new CopyOnWriteArrayList<>();

  RestApiStub(ClusterState state) {
    this.state = state;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
  }

  String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String token() {
    return token;
  }

  List<Exchange> calls(String operation) {
    return exchanges.stream().filter(e -> e.operation().equals(operation)).toList();
  }

  private void handle(HttpExchange http) throws IOException {
    try (http) {
      String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = http.getRequestURI().getPath();
      if (TOKEN_PATH.equals(path)) {
        token(http, body);
        return;
      }
      String method = http.getRequestMethod();
      Optional<OrchestrationApi.Match> match = OrchestrationApi.find(method, path);
      if (match.isEmpty()) {
        violations.add(method + " " + path + " is not an operation the contract allows");
        send(http, 404, problem(404, "Not Found", "No such operation in the stub"));
        return;
      }
      OrchestrationApi.Operation operation = match.get().operation();
      String authorization = http.getRequestHeaders().getFirst("Authorization");
      if (!("Bearer " + token).equals(authorization)) {
        violations.add(operation.id() + " without the client-credentials token: " + authorization);
      }
      JsonNode parsed = null;
      if (operation.multipart()) {
        String type = http.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("multipart/form-data")) {
          violations.add(operation.id() + " must be multipart/form-data, was " + type);
        }
      } else if (!body.isBlank()) {
        parsed = json.readTree(body);
      }
      OrchestrationApi.check(match.get(), parsed).stream()
          .map(p -> operation.id() + ": " + p)
          .forEach(violations::add);
      Exchange exchange =
          new Exchange(
              operation.id(),
              method,
              path,
              match.get().pathVariables(),
              Map.copyOf(http.getRequestHeaders()),
              body,
              parsed);
      exchanges.add(exchange);
      ClusterState.Answer answer = state.answer(exchange);
      send(http, answer.status(), answer.body());
    } catch (RuntimeException e) {
      violations.add("stub failed on " + http.getRequestURI() + ": " + e);
      send(http, 500, problem(500, "Stub error", String.valueOf(e.getMessage())));
    }
  }

  private void token(HttpExchange http, String body) throws IOException {
    Map<String, String> form =
        Arrays.stream(body.split("&"))
            .map(pair -> pair.split("=", 2))
            .collect(
                Collectors.toMap(
                    kv -> decode(kv[0]), kv -> kv.length > 1 ? decode(kv[1]) : "", (a, b) -> b));
    tokenRequests.add(form);
    ObjectNode answer = json.createObjectNode();
    answer.put("access_token", token);
    answer.put("token_type", "Bearer");
    answer.put("expires_in", 3600);
    send(http, 200, answer);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  static ObjectNode problem(int status, String title, String detail) {
    ObjectNode problem = new ObjectMapper().createObjectNode();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", "/v2");
    return problem;
  }

  private void send(HttpExchange http, int status, JsonNode answer) throws IOException {
    if (answer == null) {
      http.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = json.writeValueAsBytes(answer);
    String type =
        status >= 400 && answer.has("title") ? "application/problem+json" : "application/json";
    http.getResponseHeaders().set("Content-Type", type);
    http.sendResponseHeaders(status, bytes.length);
    http.getResponseBody().write(bytes);
  }

  /** Request headers are case-insensitive; a lookup helper for tests. */
  static Map<String, String> lowerCase(Map<String, List<String>> headers) {
    Map<String, String> out = new HashMap<>();
    headers.forEach((k, v) -> out.put(k.toLowerCase(), v.isEmpty() ? null : v.get(0)));
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
