package io.expansion.playbook.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the Camunda client at the embedded engine: gRPC only (the in-memory engine has no REST
 * API), plaintext, no authentication, and a free port when {@code expansion.engine.embedded-port}
 * is 0. Runs before the client properties are bound; does nothing for the {@code camunda} runtime.
 */
public class EmbeddedRuntimeEnvironment implements EnvironmentPostProcessor, Ordered {

  static final String RESOLVED_PORT = "expansion.engine.resolved-port";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String runtime = environment.getProperty("expansion.engine.runtime", EngineProperties.EMBEDDED);
    if (!EngineProperties.EMBEDDED.equals(runtime)) {
      return;
    }
    int port = environment.getProperty("expansion.engine.embedded-port", Integer.class, 26500);
    if (port == 0) {
      port = freePort();
    }
    Map<String, Object> client = new LinkedHashMap<>();
    client.put(RESOLVED_PORT, port);
    client.put("camunda.client.mode", "self-managed");
    client.put("camunda.client.prefer-rest-over-grpc", false);
    client.put("camunda.client.grpc-address", "http://127.0.0.1:" + port);
    client.put("camunda.client.auth.method", "none");
    environment.getPropertySources().addFirst(new MapPropertySource("embedded-engine", client));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the embedded engine", e);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
