package io.expansion.playbook.signals;

import io.expansion.playbook.journeys.JourneyService.JourneyCheckpointed;
import io.expansion.playbook.journeys.JourneyService.JourneyEnded;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The journeys the signal queue started that have not reached their first wait yet (a checkpoint, a
 * CSM task or their end). The queue routes a signal only while fewer than {@code
 * max-journeys-in-flight} are on their way, so under overload the backlog waits in the queue —
 * bounded, answered with 429 beyond its capacity — instead of inside the engine, where every extra
 * journey in flight slows all the others down and the latency of each grows without bound.
 *
 * <p>A journey that reports no first wait within {@code in-flight-timeout} (an incident, a model
 * whose first wait is a timer) stops counting, so it cannot hold routing up for longer.
 */
@Component
class JourneysInFlight {

  /** Journeys settled before the queue noted their start (the start raced the first wait). */
  private static final int EARLY_SETTLED = 1024;

  private final int limit;
  private final long timeoutNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Long> startedAt = new LinkedHashMap<>();
  private final Set<String> settledEarly = new LinkedHashSet<>();
  private int admitted;

  @Autowired
  JourneysInFlight(SignalQueueProperties properties, MeterRegistry meters) {
    this(
        properties.maxJourneysInFlight(), properties.inFlightTimeout().toNanos(), System::nanoTime);
    Gauge.builder("expansion.journeys.in-flight", this, JourneysInFlight::count)
        .description("Journeys started by the signal queue that have not reached a wait yet")
        .register(meters);
  }

  JourneysInFlight(int limit, long timeoutNanos, LongSupplier nanoTime) {
    this.limit = limit;
    this.timeoutNanos = timeoutNanos;
    this.nanoTime = nanoTime;
  }

  /**
   * Waits until another journey may start (at once when the bound is 0) and holds its slot until
   * {@link #routed(String)}: lanes admitted at the same time cannot overshoot the bound together.
   */
  synchronized void admit() throws InterruptedException {
    if (limit <= 0) {
      return;
    }
    while (true) {
      long now = nanoTime.getAsLong();
      expire(now);
      if (startedAt.size() + admitted < limit) {
        admitted++;
        return;
      }
      long wait =
          startedAt.isEmpty()
              ? timeoutNanos
              : startedAt.values().iterator().next() + timeoutNanos - now;
      TimeUnit.NANOSECONDS.timedWait(this, Math.max(1_000_000, wait));
    }
  }

  /**
   * Ends an {@link #admit()}: the signal started this journey (counted until its first wait), or
   * {@code null} when it reached a running journey or was not routed.
   */
  synchronized void routed(String startedJourneyId) {
    if (limit <= 0) {
      return;
    }
    admitted--;
    if (startedJourneyId != null && !settledEarly.remove(startedJourneyId)) {
      startedAt.put(startedJourneyId, nanoTime.getAsLong());
    }
    notifyAll();
  }

  /** Journeys counted as in flight, admitted signals still being routed included. */
  synchronized int count() {
    return startedAt.size() + admitted;
  }

  @EventListener
  void onCheckpoint(JourneyCheckpointed checkpoint) {
    settled(checkpoint.journeyId());
  }

  @EventListener
  void onEnded(JourneyEnded ended) {
    settled(ended.journeyId());
  }

  synchronized void settled(String journeyId) {
    if (limit <= 0) {
      return;
    }
    if (startedAt.remove(journeyId) != null) {
      notifyAll();
    } else {
      settledEarly.add(journeyId);
      if (settledEarly.size() > EARLY_SETTLED) {
        Iterator<String> oldest = settledEarly.iterator();
        oldest.next();
        oldest.remove();
      }
    }
  }

  private void expire(long now) {
    Iterator<Long> ages = startedAt.values().iterator();
    while (ages.hasNext() && now - ages.next() >= timeoutNanos) {
      ages.remove();
    }
  }
}
