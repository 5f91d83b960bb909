package io.expansion.playbook.accounts;

import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import io.expansion.playbook.engine.EngineClock;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by the accounts package (and the rest of the application). */
@Configuration(proxyBeanMethods = false)
public class AccountsConfiguration {

  /**
   * The application clock (UTC). {@code expansion.clock=engine} makes it the embedded engine's
   * clock, so one clock moves engine and app (the simulator's runs); the default {@code system} is
   * the wall clock. Tests replace it with a fixed clock.
   */
  @Bean
  public Clock clock(
      @Value("${expansion.clock:system}") String source,
      ObjectProvider<EmbeddedZeebeEngine> engine) {
    return EngineClock.SOURCE.equals(source) ? new EngineClock(engine) : Clock.systemUTC();
  }
}
