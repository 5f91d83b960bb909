package io.expansion.playbook.benchmark;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where queued signals went: the API answers 202 {@code QUEUED} and the signal queue routes the
 * signal a moment later, so one poller thread reads the routing of every pending signal from the
 * app's {@code signals} table (a primary-key range from the oldest pending signal, every 50 ms) and
 * completes its future with the journey it started or reached. The poll interval does not add to
 * measured latency (that runs to the first action's stored time).
 */
final class SignalRoutings implements AutoCloseable {

  /** How a queued signal was routed: {@code STARTED_JOURNEY} or {@code DELIVERED_TO_JOURNEY}. */
  record Routed(String routing, String journeyId) {}

  private static final long WINDOW = 5_000;
  private static final long POLL_MILLIS = 50;

  private final JdbcClient jdbc;
  private final ConcurrentSkipListMap<Long, CompletableFuture<Routed>> pending =
      new ConcurrentSkipListMap<>();
  private final Thread poller;
  private volatile boolean open = true;

  SignalRoutings(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.poller = Thread.ofPlatform().daemon().name("bench-routings").start(this::poll);
  }

  /** Completes once the queue has routed the signal. */
  CompletableFuture<Routed> routed(long signalId) {
    return pending.computeIfAbsent(signalId, id -> new CompletableFuture<>());
  }

  /** Signals accepted whose routing the poller has not seen yet. */
  int pendingCount() {
    return pending.size();
  }

  private void poll() {
    while (open) {
      try {
        if (!pending.isEmpty()) {
          long first = pending.firstKey();
          long last = Math.min(pending.lastKey(), first + WINDOW);
          // a primary-key range scan (cheap per row), filtered here: an IN list of hundreds of
          // parameters made H2 compare every row against each of them
          jdbc.sql(
                  "SELECT id, routing, journey_id FROM signals WHERE id BETWEEN ? AND ?"
                      + " AND routing NOT IN ('QUEUED', 'RECEIVED')")
              .params(first, last)
              .query(
                  (rs, n) -> {
                    CompletableFuture<Routed> future = pending.remove(rs.getLong("id"));
                    if (future != null) {
                      future.complete(
                          new Routed(rs.getString("routing"), rs.getString("journey_id")));
                    }
                    return null;
                  })
              .list();
        }
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!open) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    open = false;
    poller.interrupt();
    pending.values().forEach(f -> f.cancel(false));
  }
}
