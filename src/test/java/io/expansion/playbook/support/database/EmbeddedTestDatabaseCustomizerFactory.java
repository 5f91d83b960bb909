package io.expansion.playbook.support.database;

import java.util.List;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Marks test contexts that ask for an embedded test database ({@code @JdbcTest}, {@code
 * DataJdbcTest}, any {@code @AutoConfigureTestDatabase} that replaces): in the PostgreSQL run
 * {@link PostgresDataSourceRedirect} gives them a fresh PostgreSQL database instead.
 */
public class EmbeddedTestDatabaseCustomizerFactory implements ContextCustomizerFactory {

  static final String MARKER = "expansion.test.embedded-database-wanted";

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    if (!TestDatabases.postgres()) {
      return null;
    }
    MergedAnnotation<AutoConfigureTestDatabase> annotation =
        MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
            .get(AutoConfigureTestDatabase.class);
    if (!annotation.isPresent()
        || annotation.getEnum("replace", AutoConfigureTestDatabase.Replace.class)
            == AutoConfigureTestDatabase.Replace.NONE) {
      return null;
    }
    return new EmbeddedWanted();
  }

  /** Equal to every other instance, so it does not split the context cache. */
  private record EmbeddedWanted() implements ContextCustomizer {
    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "postgres-test-embedded-database", java.util.Map.of(MARKER, true)));
    }
  }
}
