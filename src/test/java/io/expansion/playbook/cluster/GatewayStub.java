package io.expansion.playbook.cluster;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the cluster's gRPC gateway ({@code gateway.proto} of the 8.8 protocol,
 * compiled in {@code zeebe-gateway-protocol-impl}). The {@code camunda} runtime uses gRPC only to
 * stream jobs to its workers ({@code StreamActivatedJobs}); every other method is a violation —
 * commands go through the REST API. Streams stay open until the client closes them; a test pushes
 * jobs into the stream of a job type.
 */
final class GatewayStub implements AutoCloseable {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  final List<StreamActivatedJobsRequest> streams = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, StreamObserver<ActivatedJob>> observers = new ConcurrentHashMap<>();
  private final Server server;

  GatewayStub() {
    GatewayGrpc.GatewayImplBase gateway =
        new GatewayGrpc.GatewayImplBase() {
          @Override
          public void streamActivatedJobs(
              StreamActivatedJobsRequest request, StreamObserver<ActivatedJob> observer) {
            streams.add(request);
            if (request.getType().isBlank() || request.getTimeout() <= 0) {
              violations.add("StreamActivatedJobs without a type or timeout: " + request);
            }
            observers.put(request.getType(), observer);
          }
        };
    ServerInterceptor recordCalls =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String method = call.getMethodDescriptor().getBareMethodName();
            authorizations.add(String.valueOf(headers.get(AUTHORIZATION)));
            if (!"StreamActivatedJobs".equals(method)) {
              violations.add("gRPC " + method + ": the camunda runtime must use the REST API");
            }
            return next.startCall(call, headers);
          }
        };
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
              .addService(ServerInterceptors.intercept(gateway, recordCalls))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String address() {
    return "http://127.0.0.1:" + server.getPort();
  }

  boolean streaming(String type) {
    return observers.containsKey(type);
  }

  /** Hands a job to the open stream of its type. */
  void push(ActivatedJob job) {
    StreamObserver<ActivatedJob> observer = observers.get(job.getType());
    if (observer == null) {
      throw new IllegalStateException("No stream open for " + job.getType());
    }
    observer.onNext(job);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
