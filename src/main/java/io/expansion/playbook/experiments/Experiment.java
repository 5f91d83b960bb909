package io.expansion.playbook.experiments;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An experiment as stored.
 *
 * @param status {@code RUNNING} or {@code STOPPED} (stopped by hand); {@link #state} adds the time
 * @param windowDays the primary metric's window: days from an account's exposure
 */
public record Experiment(
    String key,
    String hypothesis,
    String play,
    String step,
    String salt,
    List<Arm> arms,
    String primaryMetric,
    int windowDays,
    List<String> guardrails,
    OffsetDateTime startsAt,
    OffsetDateTime endsAt,
    String status,
    OffsetDateTime createdAt,
    String createdBy,
    OffsetDateTime stoppedAt,
    String stoppedBy) {

  public static final String RUNNING = "RUNNING";
  public static final String STOPPED = "STOPPED";

  /** {@code scheduled}, {@code running}, {@code ended} (past its end) or {@code stopped}. */
  public String state(OffsetDateTime now) {
    if (STOPPED.equals(status)) {
      return "stopped";
    }
    if (now.isBefore(startsAt)) {
      return "scheduled";
    }
    return endsAt != null && !now.isBefore(endsAt) ? "ended" : "running";
  }

  /** Whether accounts are assigned now. */
  public boolean active(OffsetDateTime now) {
    return "running".equals(state(now));
  }

  /** When assignment stops: the stop, the end, or never (null). */
  public OffsetDateTime effectiveEnd() {
    if (stoppedAt != null && (endsAt == null || stoppedAt.isBefore(endsAt))) {
      return stoppedAt;
    }
    return endsAt;
  }

  public Arm control() {
    return arms.stream().filter(Arm::control).findFirst().orElseThrow();
  }
}
