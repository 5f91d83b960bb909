package io.expansion.playbook.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Import runs: each is recorded in {@code import_runs} with its progress. Uploads run one at a time
 * on a background thread; the demo loader and the command line run synchronously.
 */
@Service
public class BookImports implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(BookImports.class);

  private final BookImporter importer;
  private final ImportRuns runs;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "book-import");
            t.setDaemon(true);
            return t;
          });

  public BookImports(
      BookImporter importer, ImportRuns runs, ApplicationEventPublisher events, Clock clock) {
    this.importer = importer;
    this.runs = runs;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Checks the upload's header against the mapping, then imports it in the background.
   *
   * @return the id of the queued run
   * @throws IllegalArgumentException when the header lacks a mapped column (nothing is stored)
   */
  public String submit(InputStream upload, String fileName, BookMapping mapping) {
    Path file;
    try {
      file = Files.createTempFile("book-import-", ".csv");
      Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store the uploaded book", e);
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      importer.checkHeader(reader, mapping);
    } catch (IOException | RuntimeException e) {
      delete(file);
      if (e instanceof IllegalArgumentException invalid) {
        throw invalid;
      }
      throw new IllegalArgumentException("Cannot read the uploaded book: " + e.getMessage(), e);
    }
    String id = UUID.randomUUID().toString();
    runs.create(id, mapping.name(), fileName, now());
    executor.execute(
        () -> {
          try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            run(id, mapping, reader);
          } catch (IOException e) {
            runs.finished(id, ImportRun.FAILED, "Cannot read the book: " + e.getMessage(), now());
          } catch (RuntimeException recordedAsFailed) {
            LOG.debug("Import {} failed", id, recordedAsFailed);
          } finally {
            delete(file);
          }
        });
    return id;
  }

  /**
   * Imports a book now, recording the run.
   *
   * @throws IllegalArgumentException when the header lacks a mapped column (nothing is stored)
   */
  public ImportResult runNow(Resource book, String fileName, BookMapping mapping) {
    String id = UUID.randomUUID().toString();
    runs.create(id, mapping.name(), fileName, now());
    try (Reader reader = new InputStreamReader(book.getInputStream(), StandardCharsets.UTF_8)) {
      return run(id, mapping, reader);
    } catch (IOException e) {
      runs.finished(id, ImportRun.FAILED, "Cannot read the book: " + e.getMessage(), now());
      throw new UncheckedIOException("Cannot read book " + book.getDescription(), e);
    }
  }

  private ImportResult run(String id, BookMapping mapping, Reader reader) {
    runs.started(id, now());
    try {
      ImportResult result =
          importer.importBook(reader, mapping, id, soFar -> runs.progress(id, soFar));
      runs.finished(id, ImportRun.SUCCEEDED, null, now());
      events.publishEvent(new BookImported(id, mapping.name(), result));
      LOG.info(
          "Import {} ({}) finished in {} ms: {} rows read, {} imported, {} updated, {} unchanged,"
              + " {} rejected",
          id,
          mapping.name(),
          result.durationMs(),
          result.rowsRead(),
          result.imported(),
          result.updated(),
          result.unchanged(),
          result.rejected());
      return result;
    } catch (RuntimeException e) {
      LOG.warn("Import {} ({}) failed: {}", id, mapping.name(), e.getMessage());
      runs.finished(id, ImportRun.FAILED, e.getMessage(), now());
      throw e;
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void abandonUnfinishedRuns() {
    int abandoned = runs.abandonUnfinished(now());
    if (abandoned > 0) {
      LOG.warn("{} import run(s) were interrupted by the last shutdown", abandoned);
    }
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("Cannot delete {}", file, e);
    }
  }
}
