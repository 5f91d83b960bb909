package io.expansion.playbook.engine;

import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.job.JobBatchRecord;
import io.camunda.zeebe.protocol.impl.record.value.timer.TimerRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobBatchIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tells whether the engine did any work since the last look — records written to its log other than
 * the job workers' polls ({@code JOB_BATCH}), which a polling client writes even when nothing
 * happens — and whether jobs handed to workers are still being worked on (activated, neither
 * completed, failed, errored nor cancelled) — and which timers are waiting, with their due dates
 * (read from the log's start, so timers created before the probe opened count too). For the
 * simulator, which waits for the engine to fall quiet before moving its clock and for the timers
 * due after moving it. Close it when done.
 */
public final class EngineActivity implements AutoCloseable {

  private final LogStreamReader reader;
  private final RecordMetadata metadata = new RecordMetadata();
  private final JobBatchRecord batch = new JobBatchRecord();
  private final TimerRecord timer = new TimerRecord();
  private final Set<Long> inFlight = new HashSet<>();
  private final Map<Long, Long> timers = new HashMap<>();

  EngineActivity(LogStream log) {
    this.reader = log.newLogStreamReader();
    reader.seekToFirstEvent();
  }

  /** How many records of work were written since the last call (or since the probe opened). */
  public synchronized int workSinceLastLook() {
    int work = 0;
    while (reader.hasNext()) {
      LoggedEvent event = reader.next();
      metadata.reset();
      event.readMetadata(metadata);
      if (metadata.getValueType() == ValueType.JOB_BATCH) {
        if (metadata.getRecordType() == RecordType.EVENT
            && metadata.getIntent() == JobBatchIntent.ACTIVATED) {
          batch.reset();
          event.readValue(batch);
          inFlight.addAll(batch.getJobKeys());
        }
        continue;
      }
      work++;
      if (metadata.getValueType() == ValueType.TIMER
          && metadata.getRecordType() == RecordType.EVENT) {
        timer(event);
      }
      if (metadata.getValueType() == ValueType.JOB
          && metadata.getRecordType() == RecordType.EVENT
          && done(metadata.getIntent())) {
        inFlight.remove(event.getKey());
      }
    }
    return work;
  }

  private void timer(LoggedEvent event) {
    if (metadata.getIntent() == TimerIntent.CREATED) {
      timer.reset();
      event.readValue(timer);
      timers.put(event.getKey(), timer.getDueDate());
    } else if (metadata.getIntent() == TimerIntent.TRIGGERED
        || metadata.getIntent() == TimerIntent.CANCELED) {
      timers.remove(event.getKey());
    }
  }

  /**
   * The timers waiting (created, neither triggered nor cancelled, as of the last look) that are due
   * at {@code time}: the engine triggers them once its due-date checker next runs.
   */
  public synchronized Set<Long> timersDueBy(Instant time) {
    long due = time.toEpochMilli();
    Set<Long> keys = new HashSet<>();
    timers.forEach(
        (key, dueDate) -> {
          if (dueDate <= due) {
            keys.add(key);
          }
        });
    return keys;
  }

  /** Whether any of {@code keys} is still a waiting timer (as of the last look). */
  public synchronized boolean anyTimerWaiting(Set<Long> keys) {
    return keys.stream().anyMatch(timers::containsKey);
  }

  /** Jobs activated and not finished yet (as of the last look). */
  public synchronized int jobsInFlight() {
    return inFlight.size();
  }

  private static boolean done(Object intent) {
    return intent == JobIntent.COMPLETED
        || intent == JobIntent.FAILED
        || intent == JobIntent.ERROR_THROWN
        || intent == JobIntent.CANCELED
        || intent == JobIntent.TIMED_OUT;
  }

  @Override
  public synchronized void close() {
    reader.close();
  }
}
