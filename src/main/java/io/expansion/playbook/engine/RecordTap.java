package io.expansion.playbook.engine;

import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.CopiedRecord;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.record.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the engine writes from the moment the tap opens until it is closed. While open it is one
 * more reader of the log, so the log keeps what the tap has not read yet; close it when done. For
 * tools such as the benchmark, which look at a few journeys of a running app.
 */
public final class RecordTap implements AutoCloseable {

  private final LogStreamReader reader;
  private final int partitionId;
  private final List<Record<?>> records = new ArrayList<>();

  RecordTap(LogStream log, int partitionId) {
    this.reader = log.newLogStreamReader();
    this.partitionId = partitionId;
    reader.seekToEnd();
  }

  /** Every record written since the tap opened, oldest first (copies). */
  public synchronized List<Record<?>> records() {
    while (reader.hasNext()) {
      records.add(copy(reader.next()));
    }
    return List.copyOf(records);
  }

  private Record<?> copy(LoggedEvent event) {
    RecordMetadata metadata = new RecordMetadata();
    event.readMetadata(metadata);
    UnifiedRecordValue value = UnifiedRecordValue.allRecordsMap().get(metadata.getValueType());
    event.readValue(value);
    return new CopiedRecord<>(
        value,
        metadata,
        event.getKey(),
        partitionId,
        event.getPosition(),
        event.getSourceEventPosition(),
        event.getTimestamp());
  }

  @Override
  public synchronized void close() {
    reader.close();
    records.clear();
  }
}
