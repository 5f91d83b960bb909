package io.expansion.playbook.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real app on the {@code camunda} profile — real Camunda Java client, OIDC client credentials,
 * REST preferred, workers streaming over gRPC — against local stubs of the Orchestration Cluster's
 * REST API, its token endpoint and its gRPC gateway, on an in-memory database. Subclasses share one
 * context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:camunda-runtime;DB_CLOSE_DELAY=-1",
      "expansion.demo.load-book=false",
      "expansion.plays.renewal.plan-on-startup=false",
      "expansion.engine.task-sync-interval=PT0.2S",
      "expansion.engine.task-sync-lag=PT0S",
      "camunda.client.auth.client-secret=contract-secret",
      // the inbox is driven by the demo manager here; sign-in with the issuer's JWTs is
      // SignInTest's
      "expansion.security.demo-users=true"
    })
@ActiveProfiles("camunda")
abstract class CamundaRuntimeTestBase {

  static final ClusterState CLUSTER = new ClusterState();
  static final RestApiStub REST = new RestApiStub(CLUSTER);
  static final GatewayStub GRPC = new GatewayStub();
  private static final String CREDENTIALS_CACHE = cache();

  @DynamicPropertySource
  static void cluster(DynamicPropertyRegistry registry) {
    registry.add("camunda.client.rest-address", REST::address);
    registry.add("camunda.client.grpc-address", GRPC::address);
    registry.add("camunda.client.auth.token-url", () -> REST.address() + RestApiStub.TOKEN_PATH);
    registry.add("camunda.client.auth.credentials-cache-path", () -> CREDENTIALS_CACHE);
  }

  private static String cache() {
    try {
      Path file = Files.createTempFile("camunda-credentials", ".json");
      Files.delete(file);
      file.toFile().deleteOnExit();
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
