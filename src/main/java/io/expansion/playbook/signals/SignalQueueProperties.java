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
 */
@ConfigurationProperties("expansion.signals.queue")
public record SignalQueueProperties(
    @DefaultValue("2000") int capacity,
    @DefaultValue("8") int lanes,
    @DefaultValue("PT5S") Duration maxRetryPause) {

  public SignalQueueProperties {
    if (capacity < 1) {
      throw new IllegalArgumentException("expansion.signals.queue.capacity must be at least 1");
    }
    if (lanes < 1) {
      throw new IllegalArgumentException("expansion.signals.queue.lanes must be at least 1");
    }
  }
}
