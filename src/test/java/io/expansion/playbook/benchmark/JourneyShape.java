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
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceCreationRecordValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The shape of one automated journey as the app ran it: the variables it started with and what each
 * job type's worker answered. The bare engine replays it with no-op workers, so its gateways take
 * the same path without any of the app's code, whatever tasks the model gains.
 */
record JourneyShape(
    Map<String, Object> startVariables, Map<String, Map<String, Object>> outputsByType) {

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

  /** Reads the instance's creation and completed jobs from records of the app's engine. */
  static JourneyShape capture(List<Record<?>> records, long processInstanceKey) {
    Map<String, Object> start = Map.of();
    Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
    for (Record<?> record : records) {
      if (record.getRecordType() != RecordType.EVENT) {
        continue;
      }
      if (record.getIntent() == ProcessInstanceCreationIntent.CREATED
          && record.getValue() instanceof ProcessInstanceCreationRecordValue creation
          && creation.getProcessInstanceKey() == processInstanceKey) {
        start = creation.getVariables();
      } else if (record.getIntent() == JobIntent.COMPLETED
          && record.getValue() instanceof JobRecordValue job
          && job.getProcessInstanceKey() == processInstanceKey) {
        outputs.putIfAbsent(job.getType(), job.getVariables());
      }
    }
    if (start.isEmpty() || outputs.isEmpty()) {
      throw new IllegalStateException(
          "Instance " + processInstanceKey + " is not on the engine's record stream");
    }
    return new JourneyShape(start, outputs);
  }

  List<String> capturedTypes() {
    return List.copyOf(outputsByType.keySet());
  }
}
