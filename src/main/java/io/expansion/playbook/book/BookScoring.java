package io.expansion.playbook.book;

import io.expansion.playbook.accounts.AccountPages;
import io.expansion.playbook.offers.Catalog;
import io.expansion.playbook.offers.Guardrails;
import io.expansion.playbook.offers.OfferExclusions;
import io.expansion.playbook.scoring.BulkScoring;
import io.expansion.playbook.scoring.ModelRegistry;
import io.expansion.playbook.segmentation.SegmentationDecision;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;

/**
 * Whole-book scoring runs: every account scored, segmented and given its next best action, page by
 * page ({@link BookPageScorer}, {@code expansion.book.threads} pages at once), tracked in {@code
 * book_scorings}. Requests are served one at a time on a background thread, and a request while
 * another run is still queued joins that run (it has not read anything yet, so it sees what the
 * request wanted it to see). {@link BookScoringTriggers} asks for runs after imports, model changes
 * and on the schedule.
 */
@Service
public class BookScoring implements SmartInitializingSingleton, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(BookScoring.class);

  private final BookPageScorer pages;
  private final BookScoringRuns runs;
  private final BulkScoring scoring;
  private final SegmentationDecision segmentation;
  private final AccountPages accounts;
  private final Catalog catalog;
  private final OfferExclusions exclusions;
  private final Guardrails guardrails;
  private final BookProperties properties;
  private final Clock clock;
  private final ReentrantLock running = new ReentrantLock();
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "book-scoring");
            t.setDaemon(true);
            return t;
          });

  BookScoring(
      BookPageScorer pages,
      BookScoringRuns runs,
      BulkScoring scoring,
      SegmentationDecision segmentation,
      AccountPages accounts,
      Catalog catalog,
      OfferExclusions exclusions,
      Guardrails guardrails,
      BookProperties properties,
      Clock clock) {
    this.pages = pages;
    this.runs = runs;
    this.scoring = scoring;
    this.segmentation = segmentation;
    this.accounts = accounts;
    this.catalog = catalog;
    this.exclusions = exclusions;
    this.guardrails = guardrails;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Queues a run in the background, or joins the run already waiting to start.
   *
   * @param trigger what asks for it (e.g. {@code api}, {@code import:<id>})
   * @param requestedBy the person asking, or {@code null}
   */
  public synchronized BookScoringRun request(String trigger, String requestedBy) {
    Optional<BookScoringRun> waiting = runs.queued();
    if (waiting.isPresent()) {
      LOG.info("Whole-book scoring for {} joins queued run {}", trigger, waiting.get().id());
      return waiting.get();
    }
    String id = UUID.randomUUID().toString();
    runs.create(id, trigger, requestedBy, now());
    executor.execute(() -> execute(id));
    return runs.find(id).orElseThrow();
  }

  /** Runs a whole-book scoring now, in the calling thread (after any run in progress). */
  public BookScoringRun runNow(String trigger, String requestedBy) {
    String id = UUID.randomUUID().toString();
    runs.create(id, trigger, requestedBy, now());
    execute(id);
    return runs.find(id).orElseThrow();
  }

  public Optional<BookScoringRun> find(String id) {
    return runs.find(id);
  }

  /** The latest runs, newest first. */
  public List<BookScoringRun> latest(int limit) {
    return runs.latest(limit);
  }

  /** The latest run that succeeded. */
  public Optional<BookScoringRun> lastSucceeded() {
    return runs.lastSucceeded();
  }

  private void execute(String id) {
    running.lock();
    ExecutorService workers = null;
    try {
      BookPageScorer.RunContext run = context(id);
      long started = System.nanoTime();
      List<String> ids = accounts.idsInOrder();
      if (!runs.started(id, run.model().version(), segmentation.hash(), ids.size(), now())) {
        return;
      }
      workers = Executors.newFixedThreadPool(properties.pageThreads(), BookScoring::pageThread);
      List<Future<BookPageScorer.PageResult>> pending = new ArrayList<>();
      int size = properties.pageSize();
      for (int from = 0; from < ids.size(); from += size) {
        String first = ids.get(from);
        String last = ids.get(Math.min(ids.size(), from + size) - 1);
        pending.add(workers.submit(() -> pages.score(first, last, run)));
      }
      BookScoringCounts counts = new BookScoringCounts();
      for (Future<BookPageScorer.PageResult> page : pending) {
        counts.add(page.get());
        runs.progress(id, counts, elapsedMs(started));
      }
      runs.progress(id, counts, elapsedMs(started));
      runs.finished(id, BookScoringRun.SUCCEEDED, null, now());
      LOG.info(
          "Whole-book scoring {} ({}) scored {} accounts in {} ms: segments {}, next best actions"
              + " {}, {} scorings changed, {} segments changed",
          id,
          run.model().version(),
          counts.scored(),
          elapsedMs(started),
          counts.segments(),
          counts.actions(),
          counts.healthChanged(),
          counts.segmentChanged());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(id, "interrupted", e);
    } catch (ExecutionException e) {
      fail(id, String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (RuntimeException e) {
      fail(id, String.valueOf(e.getMessage()), e);
    } finally {
      if (workers != null) {
        workers.shutdownNow();
      }
      running.unlock();
    }
  }

  private void fail(String id, String message, Throwable cause) {
    LOG.warn("Whole-book scoring {} failed: {}", id, message, cause);
    runs.finished(id, BookScoringRun.FAILED, message, now());
  }

  private static Thread pageThread(Runnable r) {
    Thread t = new Thread(r, "book-scoring-page");
    t.setDaemon(true);
    return t;
  }

  private BookPageScorer.RunContext context(String id) {
    ModelRegistry.Active model = scoring.activeModel();
    return new BookPageScorer.RunContext(
        id,
        model,
        new NextBestActionPolicy.Offering(
            catalog.active(), exclusions.all(), guardrails.active().cooldownDays()),
        now());
  }

  /** Runs the last application stopped before they finished are marked failed, before any new. */
  @Override
  public void afterSingletonsInstantiated() {
    int abandoned = runs.abandonUnfinished(now());
    if (abandoned > 0) {
      LOG.warn("{} whole-book scoring run(s) were interrupted by the last shutdown", abandoned);
    }
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
