package io.expansion.playbook.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.Resource;

/**
 * The share of the book a run simulates: the header and every row whose bucket (under the run's
 * seed) falls below the share, written to a temporary CSV the simulation's context imports. One
 * account per line (the Telco sample and the CRM export are).
 */
final class SampledBook {

  private SampledBook() {}

  static Path write(Resource book, double share, long seed) {
    try {
      Path file = Files.createTempFile("expansion-simulation-", ".csv");
      file.toFile().deleteOnExit();
      try (BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(book.getInputStream(), StandardCharsets.UTF_8));
          Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        String header = in.readLine();
        if (header == null) {
          throw new IllegalStateException("The book " + book + " is empty");
        }
        out.write(header + "\n");
        String line;
        int row = 0;
        int kept = 0;
        while ((line = in.readLine()) != null) {
          row++;
          if (Buckets.bucket("sample:" + seed, "" + row) < share * Buckets.BUCKETS) {
            out.write(line + "\n");
            kept++;
          }
        }
        if (kept == 0) {
          throw new IllegalArgumentException(
              "accountShare " + share + " leaves no account of the book's " + row);
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot sample the book " + book, e);
    }
  }
}
