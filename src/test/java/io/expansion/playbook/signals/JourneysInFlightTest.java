package io.expansion.playbook.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.journeys.JourneyService.JourneyCheckpointed;
import io.expansion.playbook.journeys.JourneyService.JourneyEnded;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JourneysInFlightTest {

  private final AtomicLong clock = new AtomicLong();
  private final JourneysInFlight inFlight =
      new JourneysInFlight(2, Duration.ofSeconds(30).toNanos(), clock::get);

  @Test
  void routingWaitsAtTheBoundUntilAJourneyReachesItsFirstWait() throws Exception {
    start("j1");
    start("j2");
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(this::admit);

    assertStillWaiting(waiting);
    inFlight.onCheckpoint(new JourneyCheckpointed("j1", "journey-checkpoint", Map.of()));

    waiting.get(5, TimeUnit.SECONDS);
    assertThat(inFlight.count()).as("j2 and the admitted signal").isEqualTo(2);
  }

  @Test
  void anEndedJourneyMakesRoomToo() throws Exception {
    start("j1");
    start("j2");
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(this::admit);

    assertStillWaiting(waiting);
    inFlight.onEnded(new JourneyEnded("j2"));

    waiting.get(5, TimeUnit.SECONDS);
  }

  @Test
  void admittedSignalsHoldTheirSlotsWhileTheyAreRouted() throws Exception {
    admit();
    admit();
    CompletableFuture<Void> third = CompletableFuture.runAsync(this::admit);

    assertStillWaiting(third);
    inFlight.routed(null); // the first reached a running journey: nothing started

    third.get(5, TimeUnit.SECONDS);
    assertThat(inFlight.count()).isEqualTo(2);
  }

  @Test
  void aJourneySilentPastTheTimeoutStopsCounting() throws Exception {
    start("j1");
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    start("j2");
    clock.addAndGet(Duration.ofSeconds(25).toNanos());

    CompletableFuture.runAsync(this::admit).get(5, TimeUnit.SECONDS);
    assertThat(inFlight.count()).as("j2 and the admitted signal").isEqualTo(2);
  }

  @Test
  void aJourneyThatSettledBeforeItsStartWasNotedNeverCounts() {
    admit();
    inFlight.settled("j1");
    inFlight.routed("j1");

    assertThat(inFlight.count()).isZero();
  }

  @Test
  void aRepeatedCheckpointDoesNotFreeAnotherJourneysSlot() {
    start("j1");
    inFlight.settled("j1");
    inFlight.settled("j1");
    start("j2");

    assertThat(inFlight.count()).isEqualTo(1);
  }

  @Test
  void noBoundMeansNoWaitAndNothingTracked() throws Exception {
    JourneysInFlight unbounded = new JourneysInFlight(0, 1, clock::get);
    for (int i = 0; i < 10; i++) {
      unbounded.admit();
      unbounded.routed("j" + i);
    }
    assertThat(unbounded.count()).isZero();
  }

  private void start(String journeyId) {
    admit();
    inFlight.routed(journeyId);
  }

  private void admit() {
    try {
      inFlight.admit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void assertStillWaiting(CompletableFuture<Void> waiting)
      throws InterruptedException, ExecutionException {
    try {
      waiting.get(300, TimeUnit.MILLISECONDS);
      throw new AssertionError("routing did not wait at the bound");
    } catch (TimeoutException expected) {
      assertThat(waiting).isNotDone();
    }
  }
}
