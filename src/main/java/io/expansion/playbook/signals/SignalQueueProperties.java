package io.expansion.playbook.signals;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The signal queue ({@code expansion.signals.queue.*}).
 *
 * @param capacity most signals accepted and not yet routed; beyond it the API answers 429
 * @param lanes routing threads; an account's signals always take the same lane, in order
 * @param maxRetryPause longest pause between attempts to route a signal the engine did not take
 * @param maxJourneysInFlight most journeys the queue has started that have not reached their first
 *     wait (a checkpoint, a task or their end); routing waits for room beyond it, 0 for no bound
 * @param inFlightTimeout a started journey that reports no first wait within this no longer counts
 */
@ConfigurationProperties("expansion.signals.queue")
public record SignalQueueProperties(
    @DefaultValue("2000") int capacity,
    @DefaultValue("8") int lanes,
    @DefaultValue("PT5S") Duration maxRetryPause,
    @DefaultValue("128") int maxJourneysInFlight,
    @DefaultValue("PT30S") Duration inFlightTimeout) {

  public SignalQueueProperties {
    if (capacity < 1) {
      throw new IllegalArgumentException("expansion.signals.queue.capacity must be at least 1");
    }
    if (lanes < 1) {
      throw new IllegalArgumentException("expansion.signals.queue.lanes must be at least 1");
    }
    if (maxJourneysInFlight < 0) {
      throw new IllegalArgumentException(
          "expansion.signals.queue.max-journeys-in-flight must be 0 (no bound) or more");
    }
  }
}
