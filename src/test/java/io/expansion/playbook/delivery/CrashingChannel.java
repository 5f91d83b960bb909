package io.expansion.playbook.delivery;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real channel that can be told to stop the relay like a crash would: after the n-th delivery it
 * completes (the message has left), it throws {@link SimulatedCrash} — an {@link Error}, which the
 * relay does not catch — so the relay stops before recording the result.
 */
final class CrashingChannel implements Channel {

  /** The relay's process "died" here. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash(String message) {
      super(message);
    }
  }

  private static final AtomicInteger CRASH_AFTER = new AtomicInteger(-1);

  private final Channel delegate;

  CrashingChannel(Channel delegate) {
    this.delegate = delegate;
  }

  /** The next run crashes right after the {@code n}-th message it hands to a remote channel. */
  static void crashAfterDeliveries(int n) {
    CRASH_AFTER.set(n);
  }

  static void noCrash() {
    CRASH_AFTER.set(-1);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean handles(String outboxChannel) {
    return delegate.handles(outboxChannel);
  }

  @Override
  public Mode mode() {
    return delegate.mode();
  }

  @Override
  public DeliveryResult deliver(OutboxMessage message, String unsubscribeUrl) {
    DeliveryResult result = delegate.deliver(message, unsubscribeUrl);
    if (CRASH_AFTER.get() > 0 && CRASH_AFTER.decrementAndGet() == 0) {
      CRASH_AFTER.set(-1);
      throw new SimulatedCrash("relay stopped after delivering " + message.messageId());
    }
    return result;
  }
}
