package io.expansion.playbook.accounts;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Imports a customer book from any CSV with a {@link BookMapping}. Streams the file and writes in
 * batched chunks ({@link BookWriter}); a row that cannot be mapped or stored is reported with its
 * line and reason while the others import; each row is stored completely or not at all. Accounts
 * are upserted by id, so a re-run duplicates nothing and counts unchanged rows.
 */
@Service
public class BookImporter {

  private static final Logger LOG = LoggerFactory.getLogger(BookImporter.class);

  /** Receives the running totals every {@code progress-every} rows and at the end. */
  @FunctionalInterface
  public interface Progress {
    void update(ImportResult soFar);

    Progress NONE = soFar -> {};
  }

  private final BookWriter writer;
  private final Clock clock;
  private final int chunkSize;
  private final int progressEvery;
  private final int maxErrors;

  public BookImporter(
      BookWriter writer,
      Clock clock,
      @Value("${expansion.import.chunk-size:1000}") int chunkSize,
      @Value("${expansion.import.progress-every:10000}") int progressEvery,
      @Value("${expansion.import.max-errors:100}") int maxErrors) {
    this.writer = writer;
    this.clock = clock;
    this.chunkSize = Math.max(1, chunkSize);
    this.progressEvery = Math.max(1, progressEvery);
    this.maxErrors = Math.max(1, maxErrors);
  }

  /** Imports a book from a Spring resource (UTF-8). */
  public ImportResult importBook(Resource resource, BookMapping mapping) {
    try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
      return importBook(reader, mapping, null, Progress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read book " + resource.getDescription(), e);
    }
  }

  /**
   * Imports a book from a reader, which is not closed.
   *
   * @param importId recorded with each imported account; may be {@code null}
   * @throws IllegalArgumentException before anything is stored, when the mapping reads a column the
   *     header lacks (the message names it) or the file has no header
   */
  public ImportResult importBook(
      Reader reader, BookMapping mapping, String importId, Progress progress) {
    long started = System.nanoTime();
    OffsetDateTime importTime = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    RowMapper mapper = new RowMapper(mapping, importTime);
    Run run = new Run(started);
    long lastLine = 1;
    List<MappedRow> chunk = new ArrayList<>(chunkSize);
    try (CSVParser parser = format().parse(reader)) {
      checkHeader(parser.getHeaderNames(), mapping);
      Map<String, Long> seen = new HashMap<>();
      long rowNumber = 0;
      for (CSVRecord record : parser) {
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        rowNumber++;
        run.rowsRead++;
        try {
          MappedRow row = mapper.map(new RowContext(record, rowNumber, line));
          Long first = seen.putIfAbsent(row.account().id(), line);
          if (first != null) {
            throw new RowException(
                new ImportError(
                    line,
                    mapping.account().id().label("id"),
                    "duplicate account id '"
                        + row.account().id()
                        + "' (first on line "
                        + first
                        + ")"));
          }
          chunk.add(row);
        } catch (RowException e) {
          run.reject(e.error());
        }
        if (chunk.size() >= chunkSize) {
          run.add(writer.write(chunk, mapping.name(), importId, importTime));
          chunk.clear();
        }
        if (run.rowsRead % progressEvery == 0) {
          run.add(writer.write(chunk, mapping.name(), importId, importTime));
          chunk.clear();
          ImportResult soFar = run.result();
          LOG.info(
              "Import {} ({}): {} rows read, {} imported, {} updated, {} unchanged, {} rejected",
              importId == null ? "-" : importId,
              mapping.name(),
              soFar.rowsRead(),
              soFar.imported(),
              soFar.updated(),
              soFar.unchanged(),
              soFar.rejected());
          progress.update(soFar);
        }
      }
      run.add(writer.write(chunk, mapping.name(), importId, importTime));
    } catch (IOException | UncheckedIOException e) {
      run.add(writer.write(chunk, mapping.name(), importId, importTime));
      run.reject(
          new ImportError(
              lastLine + 1, null, "malformed CSV, import stopped here: " + e.getMessage()));
      ImportResult partial = run.result();
      progress.update(partial);
      throw new MalformedBookException(partial, e);
    }
    ImportResult result = run.result();
    progress.update(result);
    return result;
  }

  /**
   * Checks that the header holds every column the mapping reads.
   *
   * @throws IllegalArgumentException naming the missing columns
   */
  public void checkHeader(Reader reader, BookMapping mapping) {
    try (CSVParser parser = format().parse(reader)) {
      checkHeader(parser.getHeaderNames(), mapping);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("Cannot read the CSV header: " + e.getMessage(), e);
    }
  }

  private static void checkHeader(List<String> header, BookMapping mapping) {
    if (header.isEmpty()) {
      throw new IllegalArgumentException("The CSV file is empty; expected a header line");
    }
    List<String> missing = mapping.columns().stream().filter(c -> !header.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "The CSV header lacks column(s) "
              + String.join(", ", missing)
              + " that mapping '"
              + mapping.name()
              + "' reads; nothing was imported");
    }
  }

  private static CSVFormat format() {
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true)
        .setAllowMissingColumnNames(true)
        .get();
  }

  /** Thrown when the CSV breaks mid-file; the rows before it are imported. */
  public static class MalformedBookException extends IllegalArgumentException {
    private final transient ImportResult partial;

    MalformedBookException(ImportResult partial, Exception cause) {
      super("Malformed CSV: " + cause.getMessage(), cause);
      this.partial = partial;
    }

    public ImportResult partial() {
      return partial;
    }
  }

  /** Running totals of one import. */
  private final class Run {
    private final long started;
    private int rowsRead;
    private int imported;
    private int updated;
    private int unchanged;
    private int rejected;
    private final List<ImportError> errors = new ArrayList<>();

    Run(long started) {
      this.started = started;
    }

    void reject(ImportError error) {
      rejected++;
      if (errors.size() < maxErrors) {
        errors.add(error);
      }
    }

    void add(BookWriter.Outcome outcome) {
      imported += outcome.imported();
      updated += outcome.updated();
      unchanged += outcome.unchanged();
      outcome.errors().forEach(this::reject);
    }

    ImportResult result() {
      return new ImportResult(
          rowsRead,
          imported,
          updated,
          unchanged,
          rejected,
          errors.stream().sorted(Comparator.comparingLong(ImportError::line)).toList(),
          (System.nanoTime() - started) / 1_000_000);
    }
  }
}
