package io.expansion.playbook.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both state stores run a process end to end: instances wait at a message while others are created,
 * jobs carry variables, messages correlate by key. The RocksDB store lives in a temporary folder
 * that is gone once the engine stops.
 */
class EmbeddedZeebeEngineTest {

  private static final int WAITING = 40;

  private static final BpmnModelInstance MODEL =
      Bpmn.createExecutableProcess("engine-check")
          .startEvent()
          .serviceTask("Task_Score", task -> task.zeebeJobType("engine-check-score"))
          .receiveTask("Task_Await")
          .message(m -> m.name("engine-check-signal").zeebeCorrelationKeyExpression("accountId"))
          .exclusiveGateway("Gateway_Hot")
          .conditionExpression("score >= 50")
          .endEvent("End_Hot")
          .moveToLastExclusiveGateway()
          .defaultFlow()
          .endEvent("End_Cold")
          .done();

  @ParameterizedTest
  @EnumSource(EmbeddedZeebeEngine.StateStore.class)
  void runsWaitingInstancesToTheirEnd(EmbeddedZeebeEngine.StateStore store) throws IOException {
    EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine(freePort(), store, true);
    engine.start();
    Path stateDirectory = engine.stateDirectory().orElse(null);
    if (store == EmbeddedZeebeEngine.StateStore.ROCKSDB) {
      assertThat(stateDirectory).isNotNull();
      assertThat(Files.list(stateDirectory)).isNotEmpty();
    } else {
      assertThat(stateDirectory).isNull();
    }
    try (CamundaClient client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://" + engine.gatewayAddress()))
            .preferRestOverGrpc(false)
            .build()) {
      client.newDeployResourceCommand().addProcessModel(MODEL, "engine-check.bpmn").send().join();
      for (int i = 0; i < WAITING; i++) {
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("engine-check")
            .latestVersion()
            .variables(Map.of("accountId", "ACC-" + i))
            .send()
            .join();
      }
      int scored = 0;
      while (scored < WAITING) {
        List<ActivatedJob> jobs =
            client
                .newActivateJobsCommand()
                .jobType("engine-check-score")
                .maxJobsToActivate(WAITING)
                .timeout(Duration.ofMinutes(1))
                .send()
                .join()
                .getJobs();
        for (ActivatedJob job : jobs) {
          int index = Integer.parseInt(((String) job.getVariable("accountId")).substring(4));
          client
              .newCompleteCommand(job.getKey())
              .variables(Map.of("score", index % 2 == 0 ? 80 : 20))
              .send()
              .join();
        }
        scored += jobs.size();
      }
      // every instance now waits at the receive task; each message ends its own instance on the
      // path its score chose, and only that one
      signalEveryOther(client, 0);
      awaitEnded(engine, WAITING / 2, 0);
      signalEveryOther(client, 1);
      awaitEnded(engine, WAITING / 2, WAITING / 2);
    } finally {
      engine.close();
    }
    if (stateDirectory != null) {
      assertThat(stateDirectory).doesNotExist();
    }
  }

  /** Publishes the signal for every other waiting instance, starting with {@code first}. */
  private static void signalEveryOther(CamundaClient client, int first) {
    for (int i = first; i < WAITING; i += 2) {
      client
          .newPublishMessageCommand()
          .messageName("engine-check-signal")
          .correlationKey("ACC-" + i)
          .send()
          .join();
    }
  }

  private static void awaitEnded(EmbeddedZeebeEngine engine, long hot, long cold) {
    Awaitility.await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(countCompleted(engine, "End_Hot")).isEqualTo(hot);
              assertThat(countCompleted(engine, "End_Cold")).isEqualTo(cold);
            });
  }

  private static long countCompleted(EmbeddedZeebeEngine engine, String elementId) {
    long count = 0;
    for (Record<?> record : engine.recordStream().getRecords()) {
      if (record.getRecordType() == RecordType.EVENT
          && record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
          && record.getValue() instanceof ProcessInstanceRecordValue value
          && value.getElementId().equals(elementId)) {
        count++;
      }
    }
    return count;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
