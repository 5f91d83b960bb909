package io.camunda.zeebe.process.test.engine;

import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.ServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;

/**
 * Assembles the single-partition test engine around a state store chosen by the caller.
 *
 * <p>{@link EngineFactory} always gives the engine its in-memory state store, whose transactions
 * copy the whole state on every prefix scan, so each command costs more the more instances wait.
 * The embedded runtime passes Zeebe's RocksDB store instead (the one a broker uses). Everything
 * else (gRPC gateway, job streaming, clock) is the test engine's own, wired the same way; the log
 * storage is the caller's too (the embedded runtime's releases what every reader has passed). This
 * class lives in the engine's package only because those parts are package-private.
 */
public final class StateStoreEngineFactory {

  private static final int PARTITION = 1;

  private static final RecordStreamSource NO_RECORD_STREAM =
      () -> {
        throw new IllegalStateException(
            "The embedded engine was started without a record stream: its log releases what the"
                + " engine has processed. Start it with expansion.engine.embedded-record-stream=true"
                + " (tests) to read every record.");
      };

  private StateStoreEngineFactory() {}

  /**
   * The monitor behind {@code waitForIdleState}; it registers with the test engine's own storage
   * type, so it gets an empty one and listens to the real log's commits instead.
   */
  private static EngineStateMonitor stateMonitor(LogStorage storage, StreamProcessor processor) {
    EngineStateMonitor monitor = new EngineStateMonitor(new InMemoryLogStorage(), processor);
    storage.addCommitListener(monitor);
    return monitor;
  }

  /**
   * Creates (does not start) an engine listening on {@code port}, keeping its state in {@code
   * state} and its log in {@code storage}; stopping the engine closes the store.
   *
   * @param recordStream whether the engine's record stream (tests' {@code BpmnAssert}, the
   *     project's {@code EngineRecords}) reads the log from the start: it is then one more reader
   *     the storage keeps records for, and it copies every record it reads onto the heap. Without
   *     it, {@link ZeebeTestEngine#getRecordStreamSource()} fails with a message that says so.
   */
  public static ZeebeTestEngine create(
      int port, ZeebeDb<ZbColumnFamilies> state, LogStorage storage, boolean recordStream) {
    ControlledActorClock clock = new ControlledActorClock();
    ActorScheduler scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).build();
    scheduler.start();

    LogStream log =
        LogStream.builder()
            .withPartitionId(PARTITION)
            .withLogStorage(storage)
            .withClock(clock)
            .withMeterRegistry(new SimpleMeterRegistry())
            .build();
    CommandWriter writer = new CommandWriter(log.newLogStreamWriter());
    CommandSender sender = new CommandSender(writer);
    GatewayRequestStore requests = new GatewayRequestStore();
    InMemoryJobStreamer jobStreamer = new InMemoryJobStreamer(writer);
    GrpcToLogStreamGateway gateway =
        new GrpcToLogStreamGateway(writer, PARTITION, PARTITION, port, requests, jobStreamer);
    var server = ServerBuilder.forPort(port).addService(gateway).build();
    InstanceResponseWriter responses = new InstanceResponseWriter(requests);

    SecurityConfiguration security = new SecurityConfiguration();
    security.getAuthorizations().setEnabled(false);
    StreamProcessor processor =
        StreamProcessor.builder()
            .logStream(log)
            .zeebeDb(state)
            .commandResponseWriter(responses)
            .partitionCommandSender(sender)
            .recordProcessors(
                List.of(
                    new Engine(
                        context ->
                            EngineProcessors.createEngineProcessors(
                                context,
                                PARTITION,
                                new SubscriptionCommandSender(context.getPartitionId(), sender),
                                sender,
                                FeatureFlags.createDefault(),
                                jobStreamer,
                                SearchClientsProxy.noop(),
                                new BrokerRequestAuthorizationConverter(security)),
                        new EngineConfiguration(),
                        security)))
            .actorSchedulingService(scheduler)
            .clock(new ControllableStreamClockImpl(clock))
            .meterRegistry(new SimpleMeterRegistry())
            .build();

    return new InMemoryEngine(
        server,
        processor,
        gateway,
        state,
        log,
        scheduler,
        recordStream
            ? new RecordStreamSourceImpl(log.newLogStreamReader(), PARTITION)
            : NO_RECORD_STREAM,
        clock,
        stateMonitor(storage, processor));
  }
}
