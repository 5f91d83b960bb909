package io.expansion.playbook.benchmark;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.worker.JobWorker;
import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.JourneyVariables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A fresh in-memory Zeebe engine with the same models and forms, and a no-op worker for every job
 * type found in the BPMN files; each worker completes its job at once with the output the app's
 * worker gave in a recorded journey ({@link JourneyShape}). Worker settings match the app's
 * (streaming, 64 active jobs, 4 execution threads).
 */
final class BareEngine implements AutoCloseable, ThroughputDriver.Target {

  private final EmbeddedZeebeEngine engine;
  private final CamundaClient client;
  private final List<JobWorker> workers = new ArrayList<>();
  private final JourneyShape shape;
  private final AtomicLong touched = new AtomicLong();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong lastTouch = new AtomicLong(System.nanoTime());
  private final Set<String> types;

  BareEngine(BenchmarkOptions options, Path formsDir, JourneyShape shape) {
    Path modelsDir = options.modelsDir();
    String touchType = options.touchType();
    this.shape = shape;
    this.engine = new EmbeddedZeebeEngine(freePort(), options.stateStore(), false);
    engine.start();
    this.client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://" + engine.gatewayAddress()))
            .preferRestOverGrpc(false)
            .numJobWorkerExecutionThreads(4)
            .defaultJobWorkerStreamEnabled(true)
            .build();
    deploy(modelsDir, formsDir);
    this.types = JourneyShape.jobTypes(modelsDir);
    if (!types.contains(touchType)) {
      throw new IllegalStateException("No job type '" + touchType + "' in " + modelsDir);
    }
    for (String type : types) {
      Map<String, Object> output = shape.outputsByType().getOrDefault(type, Map.of());
      boolean touch = type.equals(touchType);
      workers.add(
          client
              .newWorker()
              .jobType(type)
              .handler(
                  (jobClient, job) -> {
                    var command = jobClient.newCompleteCommand(job.getKey());
                    (output.isEmpty() ? command : command.variables(output))
                        .send()
                        .whenComplete(
                            (ok, error) -> {
                              if (touch && error == null) {
                                touched.incrementAndGet();
                                lastTouch.set(System.nanoTime());
                              }
                            });
                  })
              .maxJobsActive(64)
              .streamEnabled(true)
              .open());
    }
  }

  Set<String> jobTypes() {
    return types;
  }

  private void deploy(Path modelsDir, Path formsDir) {
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(modelsDir, formsDir)) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(f -> f.toString().matches(".*\\.(bpmn|dmn|form)$"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    DeployResourceCommandStep2 command = null;
    for (Path file : files) {
      command =
          command == null
              ? client.newDeployResourceCommand().addResourceFile(file.toString())
              : command.addResourceFile(file.toString());
    }
    if (command == null) {
      throw new IllegalStateException("No models in " + modelsDir);
    }
    command.send().join();
  }

  @Override
  public void start(int index) {
    Map<String, Object> variables = new LinkedHashMap<>(shape.startVariables());
    variables.put(JourneyVariables.JOURNEY_ID, "bare-" + index + "-" + System.nanoTime());
    client
        .newCreateInstanceCommand()
        .bpmnProcessId(ExpansionJourney.PROCESS_ID)
        .latestVersion()
        .variables(variables)
        .send()
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                failed.incrementAndGet();
              }
            });
  }

  @Override
  public int settled() {
    return (int) touched.get() + failed.get();
  }

  @Override
  public long completed() {
    return touched.get();
  }

  @Override
  public long lastSettledNanos() {
    return lastTouch.get();
  }

  int failures() {
    return failed.get();
  }

  @Override
  public void close() {
    workers.forEach(JobWorker::close);
    try {
      // Let the workers' last polls finish before their executor goes away.
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
    engine.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
