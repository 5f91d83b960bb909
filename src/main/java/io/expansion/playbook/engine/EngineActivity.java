package io.expansion.playbook.engine;

import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.record.ValueType;

/**
 * Tells whether the engine did any work since the last look: records written to its log other than
 * the job workers' polls ({@code JOB_BATCH}), which a polling client writes even when nothing
 * happens. Reads only the records' metadata, nothing stays on the heap. For the simulator, which
 * waits for the engine to fall quiet before moving its clock. Close it when done.
 */
public final class EngineActivity implements AutoCloseable {

  private final LogStreamReader reader;
  private final RecordMetadata metadata = new RecordMetadata();

  EngineActivity(LogStream log) {
    this.reader = log.newLogStreamReader();
    reader.seekToEnd();
  }

  /** How many records of work were written since the last call (or since the probe opened). */
  public synchronized int workSinceLastLook() {
    int work = 0;
    while (reader.hasNext()) {
      LoggedEvent event = reader.next();
      metadata.reset();
      event.readMetadata(metadata);
      if (metadata.getValueType() != ValueType.JOB_BATCH) {
        work++;
      }
    }
    return work;
  }

  @Override
  public synchronized void close() {
    reader.close();
  }
}
