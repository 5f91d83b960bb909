package io.expansion.playbook.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The embedded engine's time as the application clock ({@code expansion.clock=engine}): timers,
 * SLAs, cooldowns, quiet hours and answer windows then all follow the one clock the simulator
 * moves. Before the engine is up (or without one) it is the wall clock.
 */
public final class EngineClock extends Clock {

  /** The value of {@code expansion.clock} that selects this clock. */
  public static final String SOURCE = "engine";

  private final ObjectProvider<EmbeddedZeebeEngine> engine;

  public EngineClock(ObjectProvider<EmbeddedZeebeEngine> engine) {
    this.engine = engine;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    EmbeddedZeebeEngine running = engine.getIfAvailable();
    return running == null ? Instant.now() : running.currentTime();
  }
}
