package io.expansion.playbook.revenue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestConstructor;

/**
 * A database slice (every migration, in-memory H2) with the book importer, the revenue ledger and
 * the KPIs, and a clock the test moves ({@link MovableClock}); test constructors are autowired.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JdbcTest
@Import(LedgerSlice.Beans.class)
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
public @interface LedgerSlice {

  /** The real beans the slice needs, found by name (some are package-private). */
  @TestConfiguration(proxyBeanMethods = false)
  @ComponentScan(
      basePackages = "io.expansion.playbook",
      useDefaultFilters = false,
      includeFilters =
          @ComponentScan.Filter(
              type = FilterType.REGEX,
              pattern = {
                "io\\.expansion\\.playbook\\.accounts\\.(BookImporter|BookWriter|BookMappings"
                    + "|Accounts|PlanChanges|AccountRevenue)",
                "io\\.expansion\\.playbook\\.revenue\\.(RevenueLedger|RevenueMovements"
                    + "|BillingEvents)",
                "io\\.expansion\\.playbook\\.kpi\\.(KpiFacts|KpiService)"
              }))
  class Beans {
    @Bean
    MovableClock clock() {
      return new MovableClock(Instant.parse("2025-12-15T10:00:00Z"));
    }
  }

  /** A clock that stands still until the test moves it. */
  final class MovableClock extends Clock {
    private volatile Instant now;

    public MovableClock(Instant now) {
      this.now = now;
    }

    public void set(String instant) {
      now = Instant.parse(instant);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
