package io.expansion.playbook.accounts;

import io.expansion.playbook.decisions.Actor;
import io.expansion.playbook.decisions.DecisionLog;
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
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Import runs: each is recorded in {@code import_runs} with its progress, and its end as a decision
 * (rule {@code import}) by whoever started it. Uploads run one at a time on a background thread;
 * the demo loader and the command line run synchronously.
 */
@Service
public class BookImports implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(BookImports.class);

  private final BookImporter importer;
  private final ImportRuns runs;
  private final DecisionLog decisions;
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
      BookImporter importer,
      ImportRuns runs,
      DecisionLog decisions,
      ApplicationEventPublisher events,
      Clock clock) {
    this.importer = importer;
    this.runs = runs;
    this.decisions = decisions;
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
    // The upload's sender, captured here: the run itself is on the import thread.
    Actor actor = decisions.currentActor();
    executor.execute(
        () -> {
          try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            run(id, mapping, fileName, reader, actor);
          } catch (IOException e) {
            failed(id, mapping, fileName, "Cannot read the book: " + e.getMessage(), actor);
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
    Actor actor = decisions.currentActor();
    try (Reader reader = new InputStreamReader(book.getInputStream(), StandardCharsets.UTF_8)) {
      return run(id, mapping, fileName, reader, actor);
    } catch (IOException e) {
      failed(id, mapping, fileName, "Cannot read the book: " + e.getMessage(), actor);
      throw new UncheckedIOException("Cannot read book " + book.getDescription(), e);
    }
  }

  private ImportResult run(
      String id, BookMapping mapping, String fileName, Reader reader, Actor actor) {
    runs.started(id, now());
    try {
      ImportResult result =
          importer.importBook(reader, mapping, id, soFar -> runs.progress(id, soFar));
      runs.finished(id, ImportRun.SUCCEEDED, null, now());
      Map<String, Object> inputs = inputs(id, mapping, fileName);
      inputs.put("rowsRead", result.rowsRead());
      inputs.put("imported", result.imported());
      inputs.put("updated", result.updated());
      inputs.put("unchanged", result.unchanged());
      inputs.put("rejected", result.rejected());
      decisions.record(
          actor,
          "import:" + id,
          null,
          null,
          "import",
          "succeeded",
          "Book "
              + fileName
              + " imported with mapping "
              + mapping.name()
              + " in "
              + result.summary(),
          inputs);
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
      failed(id, mapping, fileName, e.getMessage(), actor);
      throw e;
    }
  }

  private void failed(String id, BookMapping mapping, String fileName, String reason, Actor actor) {
    runs.finished(id, ImportRun.FAILED, reason, now());
    decisions.record(
        actor,
        "import:" + id,
        null,
        null,
        "import",
        "failed",
        "Import of " + fileName + " with mapping " + mapping.name() + " failed: " + reason,
        inputs(id, mapping, fileName));
  }

  private static Map<String, Object> inputs(String id, BookMapping mapping, String fileName) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("importId", id);
    inputs.put("mapping", mapping.name());
    inputs.put("file", fileName);
    return inputs;
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
