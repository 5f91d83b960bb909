package io.expansion.playbook.engine;

import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.process.test.engine.StateStoreEngineFactory;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.util.Either;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
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
  private Instant pinned;
  private Instant pinAtStart;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZeebeEngine.class);

  /** Block cache and write buffers of the RocksDB state store (off-heap). */
  private static final long STATE_MEMORY_LIMIT = 64L * 1024 * 1024;

  private final int port;
  private final StateStore stateStore;
  private final boolean recordStream;
  private ZeebeTestEngine engine;
  private LogStream log;
  private SegmentedLogStorage logStorage;
  private LogStreamWriter logWriter;
  private Path stateDirectory;
  private ZeebeRocksDbFactory.SharedRocksDbResources stateResources;

  public EmbeddedZeebeEngine(int port) {
    this(port, StateStore.ROCKSDB, true);
  }

  /**
   * @param recordStream whether {@link #recordStream()} works (tests): the engine's record stream
   *     then reads the log from the start and copies every record onto the heap. The running app
   *     goes without, so its log keeps only what the engine has not processed yet.
   */
  public EmbeddedZeebeEngine(int port, StateStore stateStore, boolean recordStream) {
    this.port = port;
    this.stateStore = stateStore;
    this.recordStream = recordStream;
  }

  /** Where the engine keeps its state (its processes, instances, jobs, timers, messages). */
  public enum StateStore {
    /**
     * Zeebe's RocksDB store, as on a broker, in a temporary folder deleted at stop. Lookups stay
     * cheap however many journeys wait.
     */
    ROCKSDB,
    /**
     * The test engine's own sorted maps on the heap. Every prefix scan copies the whole state, so
     * each command costs more the more journeys wait; kept for comparison in the benchmark.
     */
    IN_MEMORY
  }

  private ZeebeTestEngine createEngine() {
    if (stateStore == StateStore.IN_MEMORY) {
      return EngineFactory.create(port);
    }
    StaleStateFolders.clean();
    try {
      stateDirectory = Files.createTempDirectory(StaleStateFolders.prefixForThisProcess());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a folder for the engine's state", e);
    }
    RocksDbConfiguration rocksDb =
        new RocksDbConfiguration().setMemoryLimit(STATE_MEMORY_LIMIT).setWalDisabled(true);
    stateResources = ZeebeRocksDbFactory.SharedRocksDbResources.allocate(STATE_MEMORY_LIMIT);
    ZeebeDb<ZbColumnFamilies> state =
        new ZeebeRocksDbFactory<ZbColumnFamilies>(
                rocksDb,
                new ConsistencyChecksSettings(),
                new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1),
                SimpleMeterRegistry::new,
                stateResources,
                1)
            .createDb(stateDirectory.toFile());
    logStorage = new SegmentedLogStorage();
    return StateStoreEngineFactory.create(port, state, logStorage, recordStream);
  }

  /** Starts the engine; fails with a clear message when the port is taken or the JVM too old. */
  public synchronized void start() {
    long started = System.nanoTime();
    try {
      engine = createEngine();
      engine.start();
    } catch (RuntimeException | LinkageError e) {
      deleteStateDirectory();
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
    log = EngineInternals.logStreamOf(engine);
    logWriter = log.newLogStreamWriter();
    if (pinAtStart != null) {
      pinTime(pinAtStart);
    }
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

  /**
   * The engine's record stream from the start; every call copies new records into memory, so tests
   * only. Fails unless the engine was created with {@code recordStream}.
   */
  public RecordStreamSource recordStream() {
    return engine.getRecordStreamSource();
  }

  /** Opens a reader of the records written from now on; close it when done (see RecordTap). */
  public RecordTap openRecordTap() {
    return new RecordTap(log, 1);
  }

  /** How much of the log is held and how much released; empty on the in-memory state store. */
  public Optional<SegmentedLogStorage.Usage> logUsage() {
    SegmentedLogStorage storage = logStorage;
    return storage == null ? Optional.empty() : Optional.of(storage.usage());
  }

  /** Moves the engine clock forward (tests only: the offset is permanent). */
  public synchronized void increaseTime(Duration duration) {
    engine.increaseTime(duration);
    timeOffset = timeOffset.plus(duration);
  }

  /**
   * Stops the engine clock at {@code time} (the simulator's clock): from now on it moves only by
   * {@link #pinTime} or {@link #increaseTime}, so timers fire exactly when the caller moves it.
   * Never in the running app.
   */
  public synchronized void pinTime(java.time.Instant time) {
    ControlledActorClock clock = EngineInternals.actorClockOf(engine);
    clock.pinCurrentTime();
    clock.setCurrentTime(time);
    pinned = time;
    timeOffset = Duration.ZERO;
  }

  /**
   * The engine's clock: wall-clock time plus every {@link #increaseTime} so far, or the pinned time
   * plus those.
   */
  public synchronized java.time.Instant currentTime() {
    return pinned != null
        ? EngineInternals.actorClockOf(engine).getCurrentTime()
        : Instant.now().plus(timeOffset);
  }

  /** Pins the clock at {@code time} as soon as the engine starts (see {@link #pinTime}). */
  EmbeddedZeebeEngine pinnedAtStart(Instant time) {
    this.pinAtStart = time;
    return this;
  }

  /** Opens a probe telling whether the engine has written records since the last look. */
  public EngineActivity openActivity() {
    return new EngineActivity(log);
  }

  /** The RocksDB store's folder while the engine runs on it. */
  Optional<Path> stateDirectory() {
    return Optional.ofNullable(stateDirectory);
  }

  public String gatewayAddress() {
    return engine.getGatewayAddress();
  }

  @Override
  public synchronized void close() {
    if (engine != null) {
      engine.stop();
      engine = null;
      deleteStateDirectory();
      LOG.info("Embedded Zeebe engine stopped");
    }
  }

  private void deleteStateDirectory() {
    if (stateResources != null) {
      stateResources.close();
      stateResources = null;
    }
    if (stateDirectory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(stateDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete the engine's state folder {}: {}", stateDirectory, e.toString());
    }
    stateDirectory = null;
  }

  /** The engine did not come up. */
  public static class EngineStartException extends RuntimeException {
    public EngineStartException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
