package io.expansion.playbook.signals;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Routes stored signals to journeys, in the background, in order per account.
 *
 * <p>The queue is the {@code signals} table itself: a signal is stored with routing {@code QUEUED}
 * and keeps it until routed, so a restart picks the backlog up where it was. Each account's signals
 * go to one of {@code lanes} single-threaded lanes (by account id), oldest first, so they reach the
 * account's journey in the order they were accepted. Routing a signal publishes {@link
 * SignalStored} (rescoring, play triggers) and hands it to the journey; a failure (engine busy or
 * down) is retried on the same lane with a growing pause, so nothing accepted is dropped or
 * overtaken. The backlog is bounded: {@link #reserve()} refuses beyond {@code capacity}, which the
 * API answers with 429 and {@code Retry-After}; and a signal is routed only while the journeys the
 * queue started and that have not reached their first wait are within their bound ({@link
 * JourneysInFlight}), so an overload waits here, not in the engine.
 */
@Service
public class SignalQueue {

  /** Routing of a signal whose router refused it after it was stored. */
  public static final String REFUSED = "REFUSED";

  private static final Logger LOG = LoggerFactory.getLogger(SignalQueue.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(100);

  private final Signals signals;
  private final Accounts accounts;
  private final JourneyService journeys;
  private final List<SignalRouter> routers;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final SignalQueueProperties properties;
  private final JourneysInFlight inFlight;
  private final Set<Long> queued = ConcurrentHashMap.newKeySet();
  private final ExecutorService[] lanes;
  private final DrainRate drainRate = new DrainRate();
  private final Counter routedCounter;
  private final Counter throttledCounter;
  private final Timer waitTimer;
  private int reserving;
  private boolean started;
  private boolean holding;
  private final List<Map.Entry<Long, String>> heldBack = new ArrayList<>();
  private volatile boolean stopping;

  public SignalQueue(
      Signals signals,
      Accounts accounts,
      JourneyService journeys,
      List<SignalRouter> routers,
      ApplicationEventPublisher events,
      Clock clock,
      SignalQueueProperties properties,
      JourneysInFlight inFlight,
      MeterRegistry meters) {
    this.signals = signals;
    this.accounts = accounts;
    this.journeys = journeys;
    this.routers = List.copyOf(routers);
    this.events = events;
    this.clock = clock;
    this.properties = properties;
    this.inFlight = inFlight;
    this.lanes = new ExecutorService[properties.lanes()];
    for (int i = 0; i < lanes.length; i++) {
      String name = "signal-lane-" + i;
      lanes[i] =
          Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name(name).unstarted(r));
    }
    Gauge.builder("expansion.signals.backlog", queued, Set::size)
        .description("Signals accepted and not yet routed to a journey")
        .register(meters);
    this.routedCounter = meters.counter("expansion.signals.routed");
    this.throttledCounter = meters.counter("expansion.signals.throttled");
    this.waitTimer =
        Timer.builder("expansion.signals.queue.wait")
            .description("From a signal's acceptance to its routing")
            .register(meters);
  }

  /** Signals accepted and not yet routed. */
  public int depth() {
    return queued.size();
  }

  /**
   * Makes room for one signal about to be stored; release it with {@link #unreserve()} once the
   * signal is stored (and {@link #enqueue enqueued}) or refused.
   *
   * @throws SignalBacklogFullException when the backlog is at its bound
   */
  synchronized void reserve() {
    int depth = queued.size() + reserving;
    if (depth >= properties.capacity()) {
      throttledCounter.increment();
      throw new SignalBacklogFullException(depth, properties.capacity(), retryAfterSeconds(depth));
    }
    reserving++;
  }

  synchronized void unreserve() {
    reserving--;
  }

  /** Queues a stored signal (a signal already queued is not queued twice). */
  synchronized void enqueue(long id, String accountId) {
    if (queued.add(id) && started) {
      if (holding) {
        heldBack.add(Map.entry(id, accountId));
      } else {
        submit(id, accountId);
      }
    }
  }

  /**
   * Holds routing back: signals accepted from now on are stored and queued, and routed only from
   * {@link #release()} on, in the order they were accepted. The simulator holds the queue while it
   * sends a day's signals, so that no signal is routed (and its account rescored) while the
   * account's other signals of the day are still being stored; the app itself never holds it.
   */
  public synchronized void hold() {
    holding = true;
  }

  /** Ends a {@link #hold()}: the signals held back go to their lanes, oldest first. */
  public synchronized void release() {
    holding = false;
    for (Map.Entry<Long, String> signal : heldBack) {
      submit(signal.getKey(), signal.getValue());
    }
    heldBack.clear();
  }

  /** Starts routing once the app is up: the stored backlog first, oldest first. */
  @EventListener(ApplicationReadyEvent.class)
  synchronized void start() {
    int recovered = 0;
    for (Signal signal : signals.unrouted()) {
      queued.add(signal.id());
      submit(signal.id(), signal.accountId());
      recovered++;
    }
    started = true;
    if (recovered > 0) {
      LOG.info("Signal queue: {} stored signal(s) not routed yet, routing them now", recovered);
    }
  }

  private void submit(long id, String accountId) {
    lanes[Math.floorMod(accountId.hashCode(), lanes.length)].execute(() -> dispatch(id));
  }

  private void dispatch(long id) {
    try {
      inFlight.admit();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return;
    }
    String started = null;
    try {
      started = routeUntilDone(id);
    } finally {
      inFlight.routed(started);
    }
  }

  /** Routes the signal, retrying while the engine does not take it; the journey it started. */
  private String routeUntilDone(long id) {
    Duration pause = FIRST_RETRY;
    boolean published = false;
    while (!stopping) {
      try {
        Signal signal = signals.byId(id).orElse(null);
        if (signal == null || !Signals.UNROUTED.contains(signal.routing())) {
          queued.remove(id);
          return null;
        }
        if (!published) {
          events.publishEvent(
              new SignalStored(
                  id, signal.accountId(), signal.type(), signal.occurredAt(), signal.attributes()));
          published = true;
        }
        return route(signal);
      } catch (RuntimeException e) {
        LOG.warn("Signal {} not routed yet ({}); retrying in {}", id, e.toString(), pause);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return null;
        }
        pause =
            pause.multipliedBy(2).compareTo(properties.maxRetryPause()) > 0
                ? properties.maxRetryPause()
                : pause.multipliedBy(2);
      }
    }
    return null;
  }

  private String route(Signal signal) {
    Account account =
        accounts
            .findById(signal.accountId())
            .orElseThrow(
                () -> new IllegalStateException("Account " + signal.accountId() + " gone"));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", signal.id());
    payload.put("type", signal.type());
    payload.put("occurredAt", signal.occurredAt().toString());
    payload.put("attributes", signal.attributes());
    SignalType type = SignalType.of(signal.type()).orElseThrow();
    SignalRouter router = routers.stream().filter(r -> r.routes(type)).findFirst().orElse(null);
    JourneyService.Routing routing;
    try {
      routing =
          router != null
              ? router.route(
                  account.id(), signal.id(), type, signal.attributes(), signal.occurredAt())
              : journeys.route(account.id(), account.ownerCsm(), signal.id(), payload);
    } catch (ApiException refused) {
      // the signal's target refused it for good (checked at intake, changed since): kept, not
      // retried
      LOG.warn("Signal {} refused by its router: {}", signal.id(), refused.getMessage());
      routing = new JourneyService.Routing(REFUSED, null);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    signals.routed(signal.id(), routing.route(), routing.journeyId(), now);
    queued.remove(signal.id());
    routedCounter.increment();
    drainRate.routed(System.nanoTime());
    waitTimer.record(Duration.between(signal.receivedAt(), now));
    return JourneyService.Routing.STARTED.equals(routing.route()) ? routing.journeyId() : null;
  }

  /** Seconds until the backlog is likely to have room again, from the recent drain rate. */
  private long retryAfterSeconds(int depth) {
    double perSecond = drainRate.perSecond(System.nanoTime());
    long over = depth - properties.capacity() + 1L;
    long seconds = perSecond <= 0 ? 5 : (long) Math.ceil(over / perSecond);
    return Math.max(1, Math.min(60, seconds));
  }

  @PreDestroy
  void stop() throws InterruptedException {
    stopping = true;
    for (ExecutorService lane : lanes) {
      lane.shutdownNow();
    }
    for (ExecutorService lane : lanes) {
      lane.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (!queued.isEmpty()) {
      LOG.info("Signal queue stopped with {} signal(s) queued; routed at the next start", depth());
    }
  }

  /** The routing rate over the last (up to) 256 routed signals. */
  private static final class DrainRate {
    private final long[] times = new long[256];
    private long count;

    synchronized void routed(long nanos) {
      times[(int) (count++ % times.length)] = nanos;
    }

    synchronized double perSecond(long now) {
      if (count < 2) {
        return 0;
      }
      int n = (int) Math.min(count, times.length);
      long oldest = times[(int) ((count - n) % times.length)];
      double seconds = (now - oldest) / 1e9;
      return seconds <= 0 ? 0 : n / seconds;
    }
  }
}
