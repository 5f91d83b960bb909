package io.expansion.playbook.benchmark;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Watches the app's tables, not its code: the first action per journey (a row in {@code touches} or
 * {@code user_tasks}, with the time the app stored) and journeys that settled without one (ended,
 * or back waiting for a signal). One thread polls touches and tasks with id watermarks, so each
 * poll reads only new rows, and looks up only the journeys it was asked to {@link #watch} by
 * primary key, so the measurement costs the same whether the app holds a thousand journeys or a
 * hundred thousand.
 */
final class ActionProbe implements AutoCloseable {

  /** The first thing that happened for a journey. */
  record Action(String kind, String channel, Instant at) {
    boolean automatedTouch() {
      return "touch".equals(kind) && !"csm".equals(channel);
    }
  }

  /** Rows are numbered at insert but may commit out of order: re-read a few, deduplicated. */
  private static final long LOOKBACK_ROWS = 64;

  /**
   * Journeys settled without an action are only needed to free throughput slots and to stop waiting
   * for a latency sample: looked up every 10th poll only.
   */
  private static final int JOURNEY_POLL_EVERY = 10;

  private final JdbcClient jdbc;
  private final String awaitElement;
  private final Map<String, Action> firstAction = new ConcurrentHashMap<>();
  private final Map<String, String> settled = new ConcurrentHashMap<>();
  private final Map<String, Boolean> automated = new ConcurrentHashMap<>();
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private final AtomicLong lastChange = new AtomicLong(System.nanoTime());
  private final Thread thread;
  private volatile boolean running = true;
  private long lastTouchId;
  private long lastTaskId;

  ActionProbe(JdbcClient jdbc, String awaitElement, long pollMillis) {
    this.jdbc = jdbc;
    this.awaitElement = awaitElement;
    this.thread =
        Thread.ofPlatform()
            .daemon()
            .name("bench-action-probe")
            .start(
                () -> {
                  long polls = 0;
                  while (running) {
                    try {
                      poll(polls++ % JOURNEY_POLL_EVERY == 0);
                      Thread.sleep(pollMillis);
                    } catch (InterruptedException e) {
                      return;
                    } catch (RuntimeException e) {
                      if (!running) {
                        return;
                      }
                    }
                  }
                });
  }

  private void poll(boolean journeysToo) {
    jdbc.sql("SELECT id, journey_id, channel, occurred_at FROM touches WHERE id > ? ORDER BY id")
        .param(lastTouchId - LOOKBACK_ROWS)
        .query(
            rs -> {
              lastTouchId = Math.max(lastTouchId, rs.getLong(1));
              record(
                  rs.getString(2),
                  new Action(
                      "touch", rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant()));
            });
    jdbc.sql("SELECT id, journey_id, created_at FROM user_tasks WHERE id > ? ORDER BY id")
        .param(lastTaskId - LOOKBACK_ROWS)
        .query(
            rs -> {
              lastTaskId = Math.max(lastTaskId, rs.getLong(1));
              record(
                  rs.getString(2),
                  new Action("task", null, rs.getObject(3, OffsetDateTime.class).toInstant()));
            });
    if (!journeysToo) {
      return;
    }
    for (String id : watched) {
      if (settled.containsKey(id)) {
        watched.remove(id);
        continue;
      }
      jdbc.sql("SELECT status, checkpoint_element FROM journeys WHERE id = ?")
          .param(id)
          .query(
              rs -> {
                boolean ended = !"ACTIVE".equals(rs.getString(1));
                if ((ended || awaitElement.equals(rs.getString(2)))
                    && settled.putIfAbsent(id, ended ? "ended" : "waiting") == null) {
                  lastChange.set(System.nanoTime());
                }
              });
    }
  }

  /** Looks out for this journey settling without an action (ended, or back waiting). */
  void watch(String journeyId) {
    if (!settled.containsKey(journeyId)) {
      watched.add(journeyId);
    }
  }

  private void record(String journeyId, Action action) {
    firstAction.merge(journeyId, action, (a, b) -> b.at().isBefore(a.at()) ? b : a);
    if (action.automatedTouch()) {
      automated.putIfAbsent(journeyId, Boolean.TRUE);
    }
    if (settled.putIfAbsent(journeyId, action.kind()) == null) {
      lastChange.set(System.nanoTime());
    }
  }

  Action firstAction(String journeyId) {
    return firstAction.get(journeyId);
  }

  /** How a journey settled: touch, task, waiting or ended; null while it runs. */
  String settledAs(String journeyId) {
    return settled.get(journeyId);
  }

  int settledCount() {
    return settled.size();
  }

  long automatedTouches() {
    return automated.size();
  }

  /** {@link System#nanoTime()} of the last journey that settled. */
  long lastChangeNanos() {
    return lastChange.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5000);
  }
}
