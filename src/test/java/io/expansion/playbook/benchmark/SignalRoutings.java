package io.expansion.playbook.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where queued signals went: the API answers 202 {@code QUEUED} and the signal queue routes the
 * signal a moment later, so one poller thread reads the routing of every pending signal from the
 * app's {@code signals} table (by primary key, a few hundred at a time, every 10 ms) and completes
 * its future with the journey it started or reached.
 */
final class SignalRoutings implements AutoCloseable {

  /** How a queued signal was routed: {@code STARTED_JOURNEY} or {@code DELIVERED_TO_JOURNEY}. */
  record Routed(String routing, String journeyId) {}

  private static final int CHUNK = 500;

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
        List<Long> ids = new ArrayList<>(pending.keySet());
        for (int i = 0; i < ids.size(); i += CHUNK) {
          List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
          Map<Long, Routed> found = new ConcurrentHashMap<>();
          jdbc.sql(
                  "SELECT id, routing, journey_id FROM signals WHERE id IN (:ids)"
                      + " AND routing NOT IN ('QUEUED', 'RECEIVED')")
              .param("ids", chunk)
              .query(
                  (rs, n) ->
                      found.put(
                          rs.getLong("id"),
                          new Routed(rs.getString("routing"), rs.getString("journey_id"))))
              .list();
          found.forEach(
              (id, routed) -> {
                CompletableFuture<Routed> future = pending.remove(id);
                if (future != null) {
                  future.complete(routed);
                }
              });
        }
        TimeUnit.MILLISECONDS.sleep(10);
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
