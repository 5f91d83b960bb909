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
 * Loads the demo customer book on start-up (idempotent, so restarts against a persistent database
 * add nothing). Disable with {@code expansion.demo.load-book=false}; point {@code
 * expansion.demo.book-path} at another {@code classpath:} or {@code file:} location to load a
 * different book.
 */
@Component
@Order(10)
@ConditionalOnProperty(
    name = "expansion.demo.load-book",
    havingValue = "true",
    matchIfMissing = true)
public class DemoBookLoader implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoBookLoader.class);

  private final TelcoBookImporter importer;
  private final ResourceLoader resourceLoader;
  private final String bookPath;

  public DemoBookLoader(
      TelcoBookImporter importer,
      ResourceLoader resourceLoader,
      @Value("${expansion.demo.book-path:classpath:demo/telco-customers.csv}") String bookPath) {
    this.importer = importer;
    this.resourceLoader = resourceLoader;
    this.bookPath = bookPath;
  }

  @Override
  public void run(ApplicationArguments args) {
    Resource book = resourceLoader.getResource(bookPath);
    if (!book.exists()) {
      throw new IllegalStateException("Demo book not found: " + bookPath);
    }
    long started = System.nanoTime();
    ImportResult result = importer.importBook(book);
    LOG.info(
        "Demo book {} loaded in {} ms: {} rows read, {} accounts imported, {} already present",
        bookPath,
        (System.nanoTime() - started) / 1_000_000,
        result.rowsRead(),
        result.imported(),
        result.skipped());
  }
}
