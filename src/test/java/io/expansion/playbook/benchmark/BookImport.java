package io.expansion.playbook.benchmark;

import io.expansion.playbook.accounts.BookImporter;
import io.expansion.playbook.accounts.BookMappings;
import io.expansion.playbook.accounts.ImportResult;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;

/**
 * How the benchmark loads a book file into the app: the synthetic books are written in the Telco
 * CSV layout, so every book goes through the app's own {@link BookImporter} with the {@code telco}
 * mapping, as an upload or the demo loader would.
 */
@FunctionalInterface
interface BookImport {

  /** Imports the book and returns the number of accounts now stored from it. */
  int load(Path csv);

  static BookImport telcoCsv(AppUnderTest app) {
    BookImporter importer = app.bean(BookImporter.class);
    BookMappings mappings = app.bean(BookMappings.class);
    return csv -> {
      ImportResult result =
          importer.importBook(new FileSystemResource(csv), mappings.named("telco"));
      if (result.rejected() > 0) {
        throw new IllegalStateException(
            result.rejected() + " rows of " + csv + " were rejected: " + result.errors());
      }
      return (int) (result.imported() + result.updated() + result.unchanged());
    };
  }
}
