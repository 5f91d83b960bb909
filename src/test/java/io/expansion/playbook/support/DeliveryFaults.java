package io.expansion.playbook.support;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Test switch for how the engine's jobs reach the workers (see {@link
 * DeliveryFaultsConfiguration}).
 *
 * <ul>
 *   <li>{@link Mode#NORMAL}: as in production.
 *   <li>{@link Mode#REDELIVER}: every job is handled, its completion is lost, and the same job is
 *       handled again and completed — what Zeebe does when a completion times out.
 *   <li>{@link Mode#FAIL_AFTER_SIDE_EFFECT}: the first delivery of every job is handled (its side
 *       effects happen), its completion is lost and the handler then throws, so the client fails
 *       the job and the engine delivers it again — a worker crashing after its side effect.
 * </ul>
 */
public class DeliveryFaults {

  public enum Mode {
    NORMAL,
    REDELIVER,
    FAIL_AFTER_SIDE_EFFECT
  }

  private volatile Mode mode = Mode.NORMAL;
  private final Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> faultsByType = new ConcurrentHashMap<>();

  public void mode(Mode mode) {
    this.mode = mode;
    faultsByType.clear();
  }

  public Mode mode() {
    return mode;
  }

  /** Job types that were handled twice (or failed once) since the mode was set, and how often. */
  public Map<String, Integer> faultsByType() {
    return new TreeMap<>(faultsByType);
  }

  /** First delivery of this job in FAIL_AFTER_SIDE_EFFECT mode: the one that must fail. */
  boolean firstDelivery(long jobKey) {
    return failedOnce.add(jobKey);
  }

  /** Both runs of a scenario and the job types that got the fault in the second. */
  public record Comparison<T>(T expected, T actual, Map<String, Integer> faulted) {}

  /** Runs the scenario as in production, then under the faulty mode, and back to normal. */
  public <T> Comparison<T> compare(Mode faulty, Supplier<T> scenario) {
    try {
      mode(Mode.NORMAL);
      T expected = scenario.get();
      mode(faulty);
      T actual = scenario.get();
      return new Comparison<>(expected, actual, faultsByType());
    } finally {
      mode(Mode.NORMAL);
    }
  }

  void faulted(String jobType) {
    faultsByType.merge(jobType, 1, Integer::sum);
  }
}
