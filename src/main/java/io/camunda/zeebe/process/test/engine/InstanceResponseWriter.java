package io.camunda.zeebe.process.test.engine;

import com.google.protobuf.GeneratedMessage;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.stream.api.CommandResponseWriter;
import io.camunda.zeebe.util.buffer.BufferUtil;
import io.camunda.zeebe.util.buffer.BufferWriter;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Answers the gateway's requests with the stream processor's responses, for one engine.
 *
 * <p>The process-test engine's own {@code GrpcResponseWriter} keeps the response's key, intent and
 * value view in <em>static</em> fields, shared by every engine in the JVM: two engines answering at
 * the same moment (cached test contexts, the simulator's contexts) overwrite each other's value,
 * the response fails to deserialize ("Could not deserialize object [JobBatchRecord]") and the
 * client waits until its deadline. Everything here belongs to the instance, and only the engine's
 * stream processor calls it, from its one actor thread.
 */
final class InstanceResponseWriter implements CommandResponseWriter {

  private final GatewayRequestStore requests;
  private final GrpcResponseMapper mapper = new GrpcResponseMapper();
  private final MutableDirectBuffer value = new ExpandableArrayBuffer();
  private final UnsafeBuffer valueView = new UnsafeBuffer(0, 0);
  private long key;
  private Intent intent;
  private RejectionType rejectionType = RejectionType.NULL_VAL;
  private String rejectionReason = "";

  InstanceResponseWriter(GatewayRequestStore requests) {
    this.requests = requests;
  }

  @Override
  public CommandResponseWriter partitionId(int partitionId) {
    return this;
  }

  @Override
  public CommandResponseWriter key(long key) {
    this.key = key;
    return this;
  }

  @Override
  public CommandResponseWriter intent(Intent intent) {
    this.intent = intent;
    return this;
  }

  @Override
  public CommandResponseWriter recordType(RecordType type) {
    return this;
  }

  @Override
  public CommandResponseWriter valueType(ValueType valueType) {
    return this;
  }

  @Override
  public CommandResponseWriter rejectionType(RejectionType rejectionType) {
    this.rejectionType = rejectionType;
    return this;
  }

  @Override
  public CommandResponseWriter rejectionReason(DirectBuffer reason) {
    this.rejectionReason = BufferUtil.bufferAsString(reason);
    return this;
  }

  @Override
  public CommandResponseWriter valueWriter(BufferWriter writer) {
    writer.write(value, 0);
    valueView.wrap(value, 0, writer.getLength());
    return this;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void tryWriteResponse(int requestStreamId, long requestId) {
    GatewayRequestStore.Request request = requests.removeRequest(requestId);
    if (request == null) {
      return; // the client gave up, or the request was answered before
    }
    StreamObserver observer = request.responseObserver();
    if (rejectionType != RejectionType.NULL_VAL) {
      observer.onError(
          StatusProto.toStatusException(
              mapper.createRejectionResponse(rejectionType, intent, rejectionReason)));
      return;
    }
    GeneratedMessage response = mapper.map(request.requestType(), valueView, key, intent);
    observer.onNext(response);
    observer.onCompleted();
  }
}
