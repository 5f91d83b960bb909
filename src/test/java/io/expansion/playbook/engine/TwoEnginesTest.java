package io.expansion.playbook.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two embedded engines in one JVM (as cached test contexts and the simulator's contexts run them)
 * answer their clients at the same time, and every answer is its own engine's: the engines share no
 * response state.
 */
class TwoEnginesTest {

  private static final int INSTANCES = 400;

  @Test
  void concurrentAnswersOfTwoEnginesNeverMix() throws Exception {
    try (Running a = Running.start("engine-a");
        Running b = Running.start("engine-b")) {
      CompletableFuture<List<ProcessInstanceEvent>> fromA =
          CompletableFuture.supplyAsync(a::create);
      CompletableFuture<List<ProcessInstanceEvent>> fromB =
          CompletableFuture.supplyAsync(b::create);
      assertThat(fromA.get())
          .hasSize(INSTANCES)
          .allSatisfy(e -> assertThat(e.getBpmnProcessId()).isEqualTo("engine-a"));
      assertThat(fromB.get())
          .hasSize(INSTANCES)
          .allSatisfy(e -> assertThat(e.getBpmnProcessId()).isEqualTo("engine-b"));
    }
  }

  private record Running(EmbeddedZeebeEngine engine, CamundaClient client, String processId)
      implements AutoCloseable {

    static Running start(String processId) throws IOException {
      EmbeddedZeebeEngine engine =
          new EmbeddedZeebeEngine(freePort(), EmbeddedZeebeEngine.StateStore.ROCKSDB, false);
      engine.start();
      CamundaClient client =
          CamundaClient.newClientBuilder()
              .grpcAddress(URI.create("http://" + engine.gatewayAddress()))
              .preferRestOverGrpc(false)
              .build();
      var model = Bpmn.createExecutableProcess(processId).startEvent().userTask().endEvent().done();
      client.newDeployResourceCommand().addProcessModel(model, processId + ".bpmn").send().join();
      return new Running(engine, client, processId);
    }

    List<ProcessInstanceEvent> create() {
      List<ProcessInstanceEvent> events = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        events.add(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(processId)
                .latestVersion()
                .variables(Map.of("n", i, "owner", processId, "tags", List.of(processId)))
                .requestTimeout(Duration.ofSeconds(20))
                .send()
                .join());
      }
      return events;
    }

    @Override
    public void close() {
      client.close();
      engine.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
