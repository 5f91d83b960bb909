package io.expansion.playbook.benchmark;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fresh in-memory Zeebe engine with the same models and forms, and a no-op worker for every job
 * type found in the BPMN files. It replays the app's mix of journeys ({@link JourneyShape}):
 * journey {@code i} starts with the variables of shape {@code i mod n}, each worker completes its
 * job at once with the output the app's worker gave that journey, and the journey settles when it
 * has completed as many jobs as the app's did. Worker settings match the app's (streaming, 64
 * active jobs, 4 execution threads).
 */
final class BareEngine implements AutoCloseable, ThroughputDriver.Target {

  private static final String PREFIX = "bare-";

  private final EmbeddedZeebeEngine engine;
  private final CamundaClient client;
  private final List<JobWorker> workers = new ArrayList<>();
  private final List<JourneyShape> mix;
  private final Map<Long, AtomicInteger> jobsDone = new ConcurrentHashMap<>();
  private final AtomicInteger settled = new AtomicInteger();
  private final AtomicLong automated = new AtomicLong();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong lastSettled = new AtomicLong(System.nanoTime());
  private final Set<String> types;

  BareEngine(BenchmarkOptions options, Path formsDir, List<JourneyShape> mix) {
    if (mix.isEmpty()) {
      throw new IllegalArgumentException("The bare engine needs at least one journey to replay");
    }
    Path modelsDir = options.modelsDir();
    String touchType = options.touchType();
    this.mix = List.copyOf(mix);
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
      workers.add(
          client
              .newWorker()
              .jobType(type)
              .handler((jobClient, job) -> complete(jobClient, job, type))
              .maxJobsActive(64)
              .streamEnabled(true)
              .open());
    }
  }

  private void complete(JobClient jobClient, ActivatedJob job, String type) {
    JourneyShape shape = mix.get(shapeIndex(job.getVariable(JourneyVariables.JOURNEY_ID)));
    Map<String, Object> output = shape.outputsByType().getOrDefault(type, Map.of());
    var command = jobClient.newCompleteCommand(job.getKey());
    (output.isEmpty() ? command : command.variables(output))
        .send()
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                jobDone(job.getProcessInstanceKey(), shape);
              }
            });
  }

  private void jobDone(long instance, JourneyShape shape) {
    int done = jobsDone.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
    if (done == shape.jobs()) {
      jobsDone.remove(instance);
      if (shape.automatedTouch()) {
        automated.incrementAndGet();
      }
      settled.incrementAndGet();
      lastSettled.set(System.nanoTime());
    }
  }

  private static int shapeIndex(Object journeyId) {
    String id = String.valueOf(journeyId);
    return Integer.parseInt(id.substring(PREFIX.length(), id.indexOf('-', PREFIX.length())));
  }

  /** How many journeys of the mix settled each way, e.g. {@code touch after 10 jobs=120}. */
  Map<String, Long> mixTally() {
    return mix.stream()
        .collect(
            Collectors.groupingBy(JourneyShape::describe, TreeMap::new, Collectors.counting()));
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
    int shape = index % mix.size();
    Map<String, Object> variables = new LinkedHashMap<>(mix.get(shape).startVariables());
    variables.put(
        JourneyVariables.JOURNEY_ID, PREFIX + shape + "-" + index + "-" + System.nanoTime());
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
    return settled.get() + failed.get();
  }

  @Override
  public long completed() {
    return automated.get();
  }

  @Override
  public long lastSettledNanos() {
    return lastSettled.get();
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
