package io.expansion.playbook.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Loads the demo customer book on start-up through the generic importer with the {@code telco}
 * mapping (idempotent: a restart against a persistent database finds every row unchanged). Disable
 * with {@code expansion.demo.load-book=false}; point {@code expansion.demo.book-path} at another
 * {@code classpath:} or {@code file:} location, and {@code expansion.demo.mapping} at another
 * mapping, to load a different book.
 */
@Component
@Order(10)
@ConditionalOnProperty(
    name = "expansion.demo.load-book",
    havingValue = "true",
    matchIfMissing = true)
public class DemoBookLoader implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoBookLoader.class);

  private final BookImports imports;
  private final BookMappings mappings;
  private final ResourceLoader resourceLoader;
  private final String bookPath;
  private final String mapping;

  public DemoBookLoader(
      BookImports imports,
      BookMappings mappings,
      ResourceLoader resourceLoader,
      @Value("${expansion.demo.book-path:classpath:demo/telco-customers.csv}") String bookPath,
      @Value("${expansion.demo.mapping:telco}") String mapping) {
    this.imports = imports;
    this.mappings = mappings;
    this.resourceLoader = resourceLoader;
    this.bookPath = bookPath;
    this.mapping = mapping;
  }

  @Override
  public void run(ApplicationArguments args) {
    Resource book = BookLocations.existing(resourceLoader, bookPath, "Demo book");
    ImportResult result;
    try {
      result = imports.runNow(book, bookPath, mappings.resolve(mapping, resourceLoader));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read mapping " + mapping, e);
    }
    LOG.info("Demo book {} loaded in {}", bookPath, result.summary());
  }
}
