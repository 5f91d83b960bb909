package io.expansion.playbook.benchmark;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceCreationIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessMessageSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceCreationRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessMessageSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The shape of one journey as the app ran it: the variables it started with, what each job type's
 * worker answered, how many jobs it completed before it settled and how it settled (touch, task,
 * waiting or ended). The bare engine replays the app's mix of shapes with no-op workers, so its
 * gateways take the same paths without any of the app's code, whatever tasks the model gains.
 */
record JourneyShape(
    Map<String, Object> startVariables,
    Map<String, Map<String, Object>> outputsByType,
    int jobs,
    String settledAs,
    boolean automatedTouch) {

  /** Job types of every service task, execution listener and task listener in the models. */
  static Set<String> jobTypes(Path modelsDir) {
    Set<String> types = new TreeSet<>();
    try (Stream<Path> files = Files.list(modelsDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        model.getModelElementsByType(ZeebeTaskDefinition.class).stream()
            .map(ZeebeTaskDefinition::getType)
            .forEach(types::add);
        model.getModelElementsByType(ZeebeExecutionListener.class).stream()
            .map(ZeebeExecutionListener::getType)
            .forEach(types::add);
        model.getModelElementsByType(ZeebeTaskListener.class).stream()
            .map(ZeebeTaskListener::getType)
            .forEach(types::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list models in " + modelsDir, e);
    }
    types.removeIf(t -> t == null || t.startsWith("="));
    return types;
  }

  /** How the app settled one journey, as the benchmark's probe saw it. */
  record Settled(long processInstanceKey, String settledAs, boolean automatedTouch) {}

  /**
   * Reads each journey's creation and completed jobs from records of the app's engine, in one pass;
   * journeys that are not on the record stream are left out.
   */
  static List<JourneyShape> captureAll(List<Record<?>> records, List<Settled> journeys) {
    Map<Long, Map<String, Object>> starts = new HashMap<>();
    Map<Long, Map<String, Map<String, Object>>> outputs = new HashMap<>();
    Map<Long, Integer> jobs = new HashMap<>();
    Set<Long> keys = new HashSet<>();
    journeys.forEach(j -> keys.add(j.processInstanceKey()));
    // A journey that a message or timer moved on took a step the bare engine is never given.
    Set<Long> movedFromOutside = new HashSet<>();
    for (Record<?> record : records) {
      if (record.getRecordType() != RecordType.EVENT) {
        continue;
      }
      if (record.getIntent() == ProcessMessageSubscriptionIntent.CORRELATED
          && record.getValue() instanceof ProcessMessageSubscriptionRecordValue message) {
        movedFromOutside.add(message.getProcessInstanceKey());
      } else if (record.getIntent() == TimerIntent.TRIGGERED
          && record.getValue() instanceof TimerRecordValue timer) {
        movedFromOutside.add(timer.getProcessInstanceKey());
      }
      if (record.getIntent() == ProcessInstanceCreationIntent.CREATED
          && record.getValue() instanceof ProcessInstanceCreationRecordValue creation
          && keys.contains(creation.getProcessInstanceKey())) {
        starts.put(creation.getProcessInstanceKey(), creation.getVariables());
      } else if (record.getIntent() == JobIntent.COMPLETED
          && record.getValue() instanceof JobRecordValue job
          && keys.contains(job.getProcessInstanceKey())) {
        outputs
            .computeIfAbsent(job.getProcessInstanceKey(), k -> new LinkedHashMap<>())
            .putIfAbsent(job.getType(), job.getVariables());
        jobs.merge(job.getProcessInstanceKey(), 1, Integer::sum);
      }
    }
    List<JourneyShape> shapes = new ArrayList<>();
    for (Settled j : journeys) {
      Map<String, Object> start = starts.get(j.processInstanceKey());
      Map<String, Map<String, Object>> out = outputs.get(j.processInstanceKey());
      if (start != null
          && !start.isEmpty()
          && out != null
          && !movedFromOutside.contains(j.processInstanceKey())) {
        shapes.add(
            new JourneyShape(
                start, out, jobs.get(j.processInstanceKey()), j.settledAs(), j.automatedTouch()));
      }
    }
    return shapes;
  }

  /** e.g. {@code touch after 10 jobs}: what the mix's tally counts. */
  String describe() {
    return settledAs + " after " + jobs + " jobs";
  }

  List<String> capturedTypes() {
    return List.copyOf(outputsByType.keySet());
  }
}
