package io.expansion.playbook.engine;

import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.util.Either;
import java.lang.reflect.Field;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory Zeebe engine running inside this process, with its gRPC gateway on a local port.
 *
 * <p>Besides start and stop it offers the two things the public gateway lacks on this engine:
 * writing a command straight to the engine's log (used for Camunda user-task commands, which the
 * client only sends over REST) and, for tests, moving the engine clock.
 */
public class EmbeddedZeebeEngine implements AutoCloseable {

  private Duration timeOffset = Duration.ZERO;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZeebeEngine.class);

  private final int port;
  private ZeebeTestEngine engine;
  private LogStreamWriter logWriter;

  public EmbeddedZeebeEngine(int port) {
    this.port = port;
  }

  /** Starts the engine; fails with a clear message when the port is taken or the JVM too old. */
  public synchronized void start() {
    long started = System.nanoTime();
    try {
      engine = EngineFactory.create(port);
      engine.start();
    } catch (RuntimeException | LinkageError e) {
      throw new EngineStartException(
          "The embedded Zeebe engine could not start on port "
              + port
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "). Is the port in use? Set expansion.engine.embedded-port to another port, or 0.",
          e);
    }
    logWriter = logStreamOf(engine).newLogStreamWriter();
    LOG.info(
        "Embedded Zeebe engine started on {} in {} ms",
        engine.getGatewayAddress(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Appends a command to the engine's log, as the gateway would for a client request.
   *
   * @param key the key of the entity the command targets
   */
  public void writeCommand(long key, ValueType valueType, Intent intent, UnifiedRecordValue value) {
    RecordMetadata metadata =
        new RecordMetadata().recordType(RecordType.COMMAND).valueType(valueType).intent(intent);
    var result =
        synchronizedWrite(WriteContext.internal(), LogAppendEntry.of(key, metadata, value));
    if (result.isLeft()) {
      throw new IllegalStateException(
          "The engine refused the " + valueType + " " + intent + " command: " + result.getLeft());
    }
  }

  private Either<LogStreamWriter.WriteFailure, Long> synchronizedWrite(
      WriteContext context, LogAppendEntry entry) {
    // The gateway synchronises on the same writer instance; share its monitor.
    synchronized (logWriter) {
      return logWriter.tryWrite(context, entry);
    }
  }

  /** The engine's record stream; every call copies new records into memory, so tests only. */
  public RecordStreamSource recordStream() {
    return engine.getRecordStreamSource();
  }

  /** Moves the engine clock forward (tests only: the offset is permanent). */
  public synchronized void increaseTime(Duration duration) {
    engine.increaseTime(duration);
    timeOffset = timeOffset.plus(duration);
  }

  /** The engine's clock: wall-clock time plus every {@link #increaseTime} so far. */
  public synchronized java.time.Instant currentTime() {
    return java.time.Instant.now().plus(timeOffset);
  }

  public String gatewayAddress() {
    return engine.getGatewayAddress();
  }

  @Override
  public synchronized void close() {
    if (engine != null) {
      engine.stop();
      engine = null;
      LOG.info("Embedded Zeebe engine stopped");
    }
  }

  private static LogStream logStreamOf(ZeebeTestEngine engine) {
    try {
      Field field = engine.getClass().getDeclaredField("logStream");
      field.setAccessible(true);
      return (LogStream) field.get(engine);
    } catch (ReflectiveOperationException e) {
      throw new EngineStartException(
          "This zeebe-process-test-engine version exposes no log stream; user tasks cannot be"
              + " completed on the embedded engine",
          e);
    }
  }

  /** The engine did not come up. */
  public static class EngineStartException extends RuntimeException {
    public EngineStartException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
