package io.expansion.playbook.support.database;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Registered for every Spring application a test starts ({@code META-INF/spring.factories} of the
 * test classpath): in the PostgreSQL run it points the context's datasource at the PostgreSQL
 * database standing in for its in-memory H2 URL (see {@link TestDatabases}). It decides when the
 * context refreshes, so every source of the URL counts — test properties, dynamic properties,
 * command-line arguments — and it runs before the configuration classes are read, so conditions
 * (e.g. {@code spring.test.database.replace}, which keeps a {@code @JdbcTest} from swapping in an
 * embedded H2 database) see the result. Does nothing in the H2 run.
 */
public class PostgresDataSourceRedirect
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final String SOURCE = "postgres-test-database";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    if (TestDatabases.postgres()) {
      context.addBeanFactoryPostProcessor(new Redirect(context.getEnvironment()));
      TestDatabases.track(context);
    }
  }

  /** The properties that move a context from its H2 URL to PostgreSQL; empty when none apply. */
  static Map<String, Object> redirect(String url, boolean embeddedWanted) {
    Map<String, Object> properties = new LinkedHashMap<>();
    String target;
    if (embeddedWanted) {
      target = TestDatabases.freshPostgresUrl("embedded");
      properties.put("spring.test.database.replace", "none");
    } else if (TestDatabases.isH2Memory(url)) {
      target = TestDatabases.postgresUrlFor(url);
    } else {
      return properties;
    }
    properties.put("spring.datasource.url", target);
    properties.put("spring.datasource.username", TestDatabases.USER);
    properties.put("spring.datasource.password", TestDatabases.PASSWORD);
    properties.put("spring.datasource.driver-class-name", "org.postgresql.Driver");
    // Many test contexts stay cached at once: idle ones give their connections back.
    properties.put("spring.datasource.hikari.maximum-pool-size", 8);
    properties.put("spring.datasource.hikari.minimum-idle", 0);
    properties.put("spring.datasource.hikari.idle-timeout", 10_000);
    return properties;
  }

  private record Redirect(ConfigurableEnvironment environment)
      implements BeanDefinitionRegistryPostProcessor, PriorityOrdered {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
      if (environment.getPropertySources().contains(SOURCE)) {
        return;
      }
      Map<String, Object> properties =
          redirect(
              environment.getProperty("spring.datasource.url"),
              environment.getProperty(
                  EmbeddedTestDatabaseCustomizerFactory.MARKER, Boolean.class, false));
      if (!properties.isEmpty()) {
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
      }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

    @Override
    public int getOrder() {
      return HIGHEST_PRECEDENCE;
    }
  }
}
