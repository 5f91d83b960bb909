package io.expansion.playbook.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Command-line import at start-up: {@code --expansion.import.file=path/to/book.csv
 * --expansion.import.mapping=crm-export} (a mapping name, or a path to a .yml/.json mapping file).
 * Runs after the demo book and logs the outcome; the application then keeps running.
 */
@Component
@Order(20)
@ConditionalOnExpression("'${expansion.import.file:}' != ''")
public class ImportCommand implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ImportCommand.class);

  private final BookImports imports;
  private final BookMappings mappings;
  private final ResourceLoader resources;
  private final String file;
  private final String mapping;

  public ImportCommand(
      BookImports imports,
      BookMappings mappings,
      ResourceLoader resources,
      @Value("${expansion.import.file}") String file,
      @Value("${expansion.import.mapping:telco}") String mapping) {
    this.imports = imports;
    this.mappings = mappings;
    this.resources = resources;
    this.file = file;
    this.mapping = mapping;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    Resource book = BookLocations.existing(resources, BookLocations.url(file), "Book to import");
    BookMapping resolved = mappings.resolve(mapping, resources);
    ImportResult result = imports.runNow(book, file, resolved);
    LOG.info(
        "Imported {} with mapping {} in {} {}",
        file,
        resolved.name(),
        result.summary(),
        result.errors().stream().limit(20).toList());
  }
}
