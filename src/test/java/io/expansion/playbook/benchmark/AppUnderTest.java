package io.expansion.playbook.benchmark;

import io.expansion.playbook.ExpansionPlaybookApplication;
import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real application, started in this process on the embedded runtime: free HTTP and engine
 * ports, its own H2 database (in memory by default, or a file under the output folder), and no demo
 * book (the benchmark imports the book itself, timed).
 */
final class AppUnderTest implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final URI baseUri;

  private AppUnderTest(ConfigurableApplicationContext context) {
    this.context = context;
    this.baseUri =
        URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
  }

  static AppUnderTest start(String name, BenchmarkOptions options) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", 0);
    properties.put("expansion.engine.runtime", "embedded");
    properties.put("expansion.engine.embedded-port", 0);
    properties.put("expansion.engine.embedded-state-store", options.stateStore());
    properties.put("expansion.engine.models-dir", options.modelsDir().toString());
    properties.put("expansion.demo.load-book", false);
    properties.put("spring.datasource.url", jdbcUrl(name, options));
    properties.put("spring.datasource.hikari.maximum-pool-size", 16);
    properties.put("logging.level.root", "WARN");
    properties.put("logging.level.io.expansion.playbook.benchmark", "INFO");
    properties.put("spring.main.banner-mode", "off");
    // As command-line arguments: they take precedence over application.yml and the environment.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ExpansionPlaybookApplication.class).run(args);
    return new AppUnderTest(context);
  }

  private static String jdbcUrl(String name, BenchmarkOptions options) {
    String db = "bench-" + name + "-" + System.nanoTime();
    if ("file".equals(options.database())) {
      Path file = options.out().resolve("db").resolve(db).toAbsolutePath();
      return "jdbc:h2:file:" + file + ";AUTO_SERVER=FALSE";
    }
    // No DB_CLOSE_DELAY: the database is dropped when the pool closes with the context.
    return "jdbc:h2:mem:" + db;
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  JdbcClient jdbc() {
    return context.getBean(JdbcClient.class);
  }

  EmbeddedZeebeEngine engine() {
    return context.getBean(EmbeddedZeebeEngine.class);
  }

  URI baseUri() {
    return baseUri;
  }

  /** The integration client's key: signals go in as a real integration would send them. */
  String integrationApiKey() {
    return context.getEnvironment().getRequiredProperty("expansion.security.integration-api-key");
  }

  @Override
  public void close() {
    context.close();
  }
}
