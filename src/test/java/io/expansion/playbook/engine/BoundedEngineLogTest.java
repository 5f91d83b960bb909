package io.expansion.playbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The embedded engine's log releases what every reader has passed: the stream processor alone in
 * the app, the stream processor and the record stream in tests, which still see every record.
 */
class BoundedEngineLogTest {

  private static final int INSTANCES = 300;
  private static final AtomicInteger COMPLETED_JOBS = new AtomicInteger();

  private static final BpmnModelInstance MODEL =
      Bpmn.createExecutableProcess("log-check")
          .startEvent()
          .serviceTask("Task_Work", task -> task.zeebeJobType("log-check-work"))
          .endEvent("End_Done")
          .done();

  @Test
  void processTestsSeeEveryRecordWhileTheLogReleasesWhatTheyHaveRead() throws IOException {
    run(
        true,
        (engine, client) -> {
          runInstances(client, 0);
          assertThat(usage(engine).releasedBlocks())
              .as("the record stream has read nothing yet, so everything is kept")
              .isZero();
          await().untilAsserted(() -> assertThat(completedEnds(engine)).hasSize(INSTANCES));

          runInstances(client, INSTANCES);
          SegmentedLogStorage.Usage usage = usage(engine);
          assertThat(usage.releasedBlocks())
              .as("blocks both readers have passed are released")
              .isPositive();
          assertThat(usage.openReaders()).isEqualTo(2);
          await()
              .untilAsserted(
                  () ->
                      assertThat(completedEnds(engine))
                          .as("the record stream still holds every instance, old and new")
                          .hasSize(2 * INSTANCES));
        });
  }

  @Test
  void theAppsLogKeepsOnlyWhatTheEngineHasNotProcessed() throws IOException {
    run(
        false,
        (engine, client) -> {
          runInstances(client, 0);
          runInstances(client, INSTANCES);
          SegmentedLogStorage.Usage usage = usage(engine);
          assertThat(usage.releasedBlocks()).isPositive();
          assertThat(usage.retainedBlocks())
              .as("at most the segments the stream processor is reading")
              .isLessThanOrEqualTo(3L * SegmentedLogStorage.DEFAULT_BLOCKS_PER_SEGMENT);
          assertThat(usage.releasedBytes()).isGreaterThan(usage.retainedBytes());
          assertThatThrownBy(() -> engine.recordStream().getRecords())
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("expansion.engine.embedded-record-stream=true");

          // a tap sees what is written after it opened, and stops pinning once closed
          try (RecordTap tap = engine.openRecordTap()) {
            runInstances(client, 2 * INSTANCES, 5);
            await()
                .untilAsserted(
                    () ->
                        assertThat(
                                tap.records().stream()
                                    .filter(BoundedEngineLogTest::isCompletedEnd)
                                    .map(
                                        r ->
                                            ((ProcessInstanceRecordValue) r.getValue())
                                                .getProcessInstanceKey())
                                    .distinct())
                            .hasSize(5));
          }
          assertThat(usage(engine).openReaders()).isEqualTo(1);
        });
  }

  private interface Scenario {
    void run(EmbeddedZeebeEngine engine, CamundaClient client);
  }

  private static void run(boolean recordStream, Scenario scenario) throws IOException {
    COMPLETED_JOBS.set(0);
    EmbeddedZeebeEngine engine =
        new EmbeddedZeebeEngine(freePort(), EmbeddedZeebeEngine.StateStore.ROCKSDB, recordStream);
    engine.start();
    try (CamundaClient client =
            CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://" + engine.gatewayAddress()))
                .preferRestOverGrpc(false)
                .build();
        JobWorker worker =
            client
                .newWorker()
                .jobType("log-check-work")
                .handler(
                    (jobs, job) -> {
                      jobs.newCompleteCommand(job).send().join();
                      COMPLETED_JOBS.incrementAndGet();
                    })
                .streamEnabled(true)
                .open()) {
      client.newDeployResourceCommand().addProcessModel(MODEL, "log-check.bpmn").send().join();
      scenario.run(engine, client);
    } finally {
      engine.close();
    }
  }

  private static void runInstances(CamundaClient client, int first) {
    runInstances(client, first, INSTANCES);
  }

  /** Starts {@code count} instances and waits until the worker has completed their jobs. */
  private static void runInstances(CamundaClient client, int first, int count) {
    for (int i = first; i < first + count; i++) {
      client
          .newCreateInstanceCommand()
          .bpmnProcessId("log-check")
          .latestVersion()
          .variables(Map.of("n", i))
          .requestTimeout(Duration.ofSeconds(30))
          .send()
          .join();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> COMPLETED_JOBS.get() >= first + count);
  }

  private static SegmentedLogStorage.Usage usage(EmbeddedZeebeEngine engine) {
    return engine.logUsage().orElseThrow();
  }

  private static Set<Long> completedEnds(EmbeddedZeebeEngine engine) {
    Set<Long> instances = new HashSet<>();
    Consumer<Record<?>> collect =
        r -> instances.add(((ProcessInstanceRecordValue) r.getValue()).getProcessInstanceKey());
    for (Record<?> record : engine.recordStream().getRecords()) {
      if (isCompletedEnd(record)) {
        collect.accept(record);
      }
    }
    return instances;
  }

  private static boolean isCompletedEnd(Record<?> record) {
    return record.getRecordType() == RecordType.EVENT
        && record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
        && record.getValue() instanceof ProcessInstanceRecordValue value
        && "End_Done".equals(value.getElementId());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
