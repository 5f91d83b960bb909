package io.expansion.playbook.accounts;

import io.expansion.playbook.consent.Contacts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.offers.Catalog;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestConstructor;

/**
 * A database slice with the book importer, its repositories and a clock fixed at {@link #NOW}; test
 * constructors are autowired.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JdbcTest
@Import({
  BookImporter.class,
  BookWriter.class,
  BookMappings.class,
  BookImports.class,
  ImportRuns.class,
  Accounts.class,
  AccountPages.class,
  PlanChanges.class,
  AccountsConfiguration.class,
  Catalog.class,
  Contacts.class,
  DecisionLog.class,
  BookImportTest.FixedClock.class
})
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
@interface BookImportTest {

  Instant NOW = Instant.parse("2025-01-15T10:00:00Z");

  /** The clock every imported row is stamped with. */
  @TestConfiguration(proxyBeanMethods = false)
  class FixedClock {
    @Bean
    @Primary
    Clock fixedClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }
}
