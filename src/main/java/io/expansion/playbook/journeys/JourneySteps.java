package io.expansion.playbook.journeys;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The step each journey is executing, as its workers report it: kept in memory and written to the
 * journeys table every {@code expansion.journeys.step-flush} (100 ms) in one batch, the latest step
 * per journey only and one commit, instead of one UPDATE and COMMIT per job. The step is the live
 * position shown by the heatmap and the journey views (it lags by at most the flush interval); a
 * checkpoint (a wait state) and the end of a journey are written at once and are never overwritten
 * by an older step. With a zero interval every step is written at once.
 */
@Component
public class JourneySteps {

  private static final Logger LOG = LoggerFactory.getLogger(JourneySteps.class);

  private record Step(String element, OffsetDateTime at) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Map<Long, Step> pending = new ConcurrentHashMap<>();

  /**
   * Held while a batch is written, so a checkpoint cannot be overtaken by a step read before it.
   */
  private final ReentrantLock writing = new ReentrantLock();

  private final ScheduledExecutorService flusher;

  JourneySteps(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      @Value("${expansion.journeys.step-flush:PT0.1S}") Duration interval) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    if (interval.isZero() || interval.isNegative()) {
      this.flusher = null;
    } else {
      this.flusher =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().daemon().name("journey-steps").factory());
      long millis = Math.max(1, interval.toMillis());
      flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /** Notes that the journey of this process instance is executing {@code element} now. */
  void reached(long processInstanceKey, String element, OffsetDateTime at) {
    if (flusher == null) {
      write(List.of(Map.entry(processInstanceKey, new Step(element, at))));
      return;
    }
    pending.put(processInstanceKey, new Step(element, at));
  }

  /**
   * Runs a write of the journey's position that must win over any step noted before it (a
   * checkpoint): the instance's unwritten step is dropped and no batch runs meanwhile.
   */
  void supersede(long processInstanceKey, Runnable write) {
    writing.lock();
    try {
      pending.remove(processInstanceKey);
      write.run();
    } finally {
      writing.unlock();
    }
  }

  /** Writes every noted step now. */
  public void flush() {
    writing.lock();
    try {
      List<Map.Entry<Long, Step>> batch = new ArrayList<>(pending.size());
      for (Map.Entry<Long, Step> e : pending.entrySet()) {
        if (pending.remove(e.getKey(), e.getValue())) {
          batch.add(Map.entry(e.getKey(), e.getValue()));
        }
      }
      if (!batch.isEmpty()) {
        // One commit for the whole batch.
        transaction.executeWithoutResult(status -> write(batch));
      }
    } finally {
      writing.unlock();
    }
  }

  private void write(List<Map.Entry<Long, Step>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "UPDATE journeys SET current_element = ?, updated_at = ?"
            + " WHERE process_instance_key = ? AND status = 'ACTIVE'",
        batch,
        batch.size(),
        (ps, e) -> {
          ps.setString(1, e.getValue().element());
          ps.setObject(2, e.getValue().at());
          ps.setLong(3, e.getKey());
        });
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (DataAccessException | IllegalStateException e) {
      // The step is a live position only; the next job or checkpoint writes it again.
      LOG.warn("Could not write the journeys' current steps: {}", e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    if (flusher != null) {
      flusher.shutdown();
      try {
        flusher.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      flushQuietly();
    }
  }
}
