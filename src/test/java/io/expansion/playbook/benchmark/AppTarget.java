package io.expansion.playbook.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The app as a throughput target: an intent signal over HTTP per journey, for fresh accounts. */
final class AppTarget implements ThroughputDriver.Target {
  private final SignalFeed feed;
  private final ActionProbe probe;
  private final Iterator<String> accounts;
  private final List<String> used = Collections.synchronizedList(new ArrayList<>());
  private final List<String> journeys = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger rejected = new AtomicInteger();
  private final AtomicLong lastRejected = new AtomicLong();
  private long sequence;

  AppTarget(SignalFeed feed, ActionProbe probe, Iterator<String> accounts) {
    this.feed = feed;
    this.probe = probe;
    this.accounts = accounts;
  }

  @Override
  public void start(int index) {
    String account = accounts.next();
    used.add(account);
    feed.post(account, SignalFeed.INTENT, sequence++)
        .whenComplete(
            (accepted, error) -> {
              if (error == null && accepted.startedJourney()) {
                probe.watch(accepted.journeyId());
                journeys.add(accepted.journeyId());
              } else {
                rejected.incrementAndGet();
                lastRejected.set(System.nanoTime());
              }
            });
  }

  @Override
  public int settled() {
    return probe.settledCount() + rejected.get();
  }

  @Override
  public long completed() {
    return probe.automatedTouches();
  }

  @Override
  public long lastSettledNanos() {
    return Math.max(probe.lastChangeNanos(), lastRejected.get());
  }

  List<String> usedAccounts() {
    return List.copyOf(used);
  }

  List<String> startedJourneys() {
    return List.copyOf(journeys);
  }
}
