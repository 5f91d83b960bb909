package io.expansion.playbook.benchmark;

import io.expansion.playbook.accounts.ImportResult;
import io.expansion.playbook.accounts.TelcoBookImporter;
import java.nio.file.Path;
import org.springframework.core.io.FileSystemResource;

/**
 * Seam: how the benchmark loads a book file into the app. Today both the synthetic books and the
 * Telco book are written in the Telco CSV layout and go through {@link TelcoBookImporter}; when the
 * generic CSV importer with mapping files lands, re-point {@link #telcoCsv} (or add a second
 * implementation) here and nothing else in the benchmark changes.
 */
@FunctionalInterface
interface BookImport {

  /** Imports the book and returns the number of accounts now stored from it. */
  int load(Path csv);

  static BookImport telcoCsv(AppUnderTest app) {
    TelcoBookImporter importer = app.bean(TelcoBookImporter.class);
    return csv -> {
      ImportResult result = importer.importBook(new FileSystemResource(csv));
      return result.imported() + result.skipped();
    };
  }
}
