package io.expansion.playbook.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.expansion.playbook.ExpansionPlaybookApplication;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.plays.RenewalPlanner;
import io.expansion.playbook.signals.SignalService;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import io.expansion.playbook.tasks.TaskService;
import io.expansion.playbook.tasks.UserTask;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stops the app (and its in-memory engine) mid-journey and starts it again on the same database:
 * the journeys are at the same steps, the same CSM tasks are open and completing them carries on.
 */
class JourneyRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private ConfigurableApplicationContext start() {
    // Command-line arguments outrank application.yml (default properties would not).
    return new SpringApplicationBuilder(ExpansionPlaybookApplication.class)
        .run(
            "--spring.datasource.url=jdbc:h2:mem:restart;DB_CLOSE_DELAY=-1",
            "--expansion.engine.embedded-port=0",
            "--expansion.demo.load-book=false",
            "--expansion.plays.renewal.plan-on-startup=false",
            "--server.port=0");
  }

  @Test
  void journeysAndOpenTasksSurviveARestart() {
    String waitingAccount;
    String taskAccount;
    String waitingJourney;
    String taskJourney;
    String renewalJourney;
    long taskId;
    try (ConfigurableApplicationContext first = start()) {
      Fixtures fixtures =
          new Fixtures(first.getBean(Accounts.class), first.getBean(JdbcClient.class));
      SignalService signals = first.getBean(SignalService.class);
      Journeys journeys = first.getBean(Journeys.class);
      TaskService tasks = first.getBean(TaskService.class);
      waitingAccount = fixtures.healthyAccount(Fixtures.allChannels(true));
      taskAccount = fixtures.healthyAccount(Fixtures.allChannels(true));
      waitingJourney =
          journeyOf(
              signals,
              signals.accept(
                  new SignalService.SignalRequest(
                      waitingAccount,
                      "support_case_closed",
                      null,
                      Map.of("caseId", "CASE-1"),
                      null)));
      taskJourney =
          journeyOf(
              signals,
              signals.accept(
                  new SignalService.SignalRequest(
                      taskAccount, "intent", null, Map.of("topic", "pricing_page"), null)));
      await()
          .atMost(WAIT)
          .until(
              () -> journeys.find(waitingJourney).orElseThrow().checkpointElement(),
              ExpansionJourney.AWAIT_SIGNAL::equals);
      UserTask outreach = awaitTask(tasks, taskAccount, ExpansionJourney.CSM_OUTREACH);
      tasks.complete(outreach.id(), Map.of("outreachResult", "interested"));
      taskId = awaitTask(tasks, taskAccount, ExpansionJourney.PROVE_VALUE).id();
      // A play waiting on a timer (the renewal play's 90-day checkpoint) is a journey too.
      first
          .getBean(RenewalPlanner.class)
          .replan(taskAccount, LocalDate.now().plusDays(95), "restart-test");
      renewalJourney = journeys.active(taskAccount, "renewal").orElseThrow().id();
      await()
          .atMost(WAIT)
          .until(
              () -> journeys.find(renewalJourney).orElseThrow().checkpointElement(),
              "Event_Wait90"::equals);
    }

    try (ConfigurableApplicationContext second = start()) {
      Journeys journeys = second.getBean(Journeys.class);
      TaskService tasks = second.getBean(TaskService.class);
      SignalService signals = second.getBean(SignalService.class);
      Accounts accounts = second.getBean(Accounts.class);

      assertThat(journeys.find(waitingJourney).orElseThrow().status()).isEqualTo(Journey.ACTIVE);
      await()
          .atMost(WAIT)
          .until(
              () -> journeys.find(renewalJourney).orElseThrow(),
              j -> j.processInstanceKey() != null);
      assertThat(journeys.find(renewalJourney).orElseThrow().checkpointElement())
          .isEqualTo("Event_Wait90");
      assertThat(journeys.find(taskJourney).orElseThrow().checkpointElement())
          .isEqualTo(ExpansionJourney.PROVE_VALUE);
      List<UserTask> open = tasks.open(taskAccount, null, null);
      assertThat(open).extracting(UserTask::id).containsExactly(taskId);

      // The re-created task is the same inbox task, now bound to the new engine instance.
      await()
          .atMost(WAIT)
          .until(
              () -> journeys.find(taskJourney).orElseThrow().processInstanceKey(),
              key -> key != null);
      await()
          .atMost(WAIT)
          .ignoreExceptions()
          .until(
              () -> {
                tasks.complete(taskId, Map.of("customerResponse", "interested"));
                return true;
              });
      await()
          .atMost(WAIT)
          .until(() -> accounts.findById(taskAccount).orElseThrow().planTier(), "fiber"::equals);

      // The journey that was waiting for a signal still takes one.
      long signalId =
          signals
              .accept(
                  new SignalService.SignalRequest(
                      waitingAccount, "intent", null, Map.of("topic", "pricing_page"), null))
              .id();
      await()
          .atMost(WAIT)
          .until(
              () -> signals.find(signalId).orElseThrow().routing(), "DELIVERED_TO_JOURNEY"::equals);
      awaitTask(tasks, waitingAccount, ExpansionJourney.CSM_OUTREACH);
    }
  }

  private static UserTask awaitTask(TaskService tasks, String account, String element) {
    return JourneyTestBase.awaitOpenTask(tasks, account, element, WAIT);
  }

  /** The journey the signal queue routed the signal to, once it has. */
  private static String journeyOf(SignalService signals, SignalService.Accepted queued) {
    return await()
        .atMost(WAIT)
        .until(
            () -> signals.find(queued.id()).orElseThrow(),
            a -> !SignalService.QUEUED.equals(a.routing()))
        .journeyId();
  }
}
