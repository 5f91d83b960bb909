package io.expansion.playbook.support;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** Reads the embedded engine's record stream to assert the path a process instance took. */
public class EngineRecords {

  private final EmbeddedZeebeEngine engine;

  public EngineRecords(EmbeddedZeebeEngine engine) {
    this.engine = engine;
  }

  /** Element ids completed by the instance, in order. */
  public List<String> completed(long processInstanceKey) {
    return elements(processInstanceKey, ProcessInstanceIntent.ELEMENT_COMPLETED);
  }

  public List<String> activated(long processInstanceKey) {
    return elements(processInstanceKey, ProcessInstanceIntent.ELEMENT_ACTIVATED);
  }

  public List<String> terminated(long processInstanceKey) {
    return elements(processInstanceKey, ProcessInstanceIntent.ELEMENT_TERMINATED);
  }

  /** Timers of the element that the instance created and that have neither fired nor ended. */
  public long pendingTimers(long processInstanceKey, String elementId) {
    long pending = 0;
    for (Record<?> record :
        StreamSupport.stream(engine.recordStream().getRecords().spliterator(), false).toList()) {
      if (record.getRecordType() == RecordType.EVENT
          && record.getValueType() == ValueType.TIMER
          && record.getValue() instanceof TimerRecordValue timer
          && timer.getProcessInstanceKey() == processInstanceKey
          && elementId.equals(timer.getTargetElementId())) {
        pending += record.getIntent() == TimerIntent.CREATED ? 1 : -1;
      }
    }
    return pending;
  }

  private List<String> elements(long processInstanceKey, ProcessInstanceIntent intent) {
    List<String> ids = new ArrayList<>();
    for (Record<?> record :
        StreamSupport.stream(engine.recordStream().getRecords().spliterator(), false).toList()) {
      if (record.getRecordType() == RecordType.EVENT
          && record.getValueType() == ValueType.PROCESS_INSTANCE
          && record.getIntent() == intent
          && record.getValue() instanceof ProcessInstanceRecordValue value
          && value.getProcessInstanceKey() == processInstanceKey) {
        ids.add(value.getElementId());
      }
    }
    return ids;
  }
}
