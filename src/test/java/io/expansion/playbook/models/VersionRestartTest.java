package io.expansion.playbook.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.expansion.playbook.ExpansionPlaybookApplication;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.Journeys;
import io.expansion.playbook.signals.SignalService;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import io.expansion.playbook.tasks.TaskService;
import io.expansion.playbook.tasks.UserTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three app starts on one database, the second and third with an {@code expansion-journey.bpmn}
 * whose waiting element is renamed: journeys started before resume on the version they started on,
 * at the same element, and still take signals; journeys started after run on the new version; the
 * old version, still used, survives the second restart too.
 */
class VersionRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String PROCESS = ExpansionJourney.PROCESS_ID;
  private static final String RENAMED = "Task_AwaitAccountSignal";

  @TempDir Path models;
  private final String database = "versions-" + UUID.randomUUID();

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(ExpansionPlaybookApplication.class)
        .run(
            "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
            "--expansion.engine.models-dir=" + models,
            "--expansion.engine.embedded-port=0",
            "--expansion.demo.load-book=false",
            "--expansion.plays.renewal.plan-on-startup=false",
            "--server.port=0");
  }

  /** The project's models, then the expansion journey with its waiting element renamed. */
  private void copyModels(boolean renamed) throws IOException {
    try (var files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.toList()) {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        if (renamed && file.getFileName().toString().equals(PROCESS + ".bpmn")) {
          xml = xml.replace(ExpansionJourney.AWAIT_SIGNAL + "\"", RENAMED + "\"");
        }
        Files.writeString(models.resolve(file.getFileName()), xml, StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void journeysKeepTheirVersionAcrossTwoRestarts() throws IOException {
    copyModels(false);
    String waitingA;
    String waitingC;
    String accountA;
    String accountC;
    try (ConfigurableApplicationContext first = start()) {
      Fixtures fixtures =
          new Fixtures(first.getBean(Accounts.class), first.getBean(JdbcClient.class));
      SignalService signals = first.getBean(SignalService.class);
      Journeys journeys = first.getBean(Journeys.class);
      accountA = fixtures.healthyAccount(Fixtures.allChannels(true));
      accountC = fixtures.healthyAccount(Fixtures.allChannels(true));
      waitingA = startWaiting(signals, journeys, accountA, ExpansionJourney.AWAIT_SIGNAL);
      waitingC = startWaiting(signals, journeys, accountC, ExpansionJourney.AWAIT_SIGNAL);
      assertThat(journeys.find(waitingA).orElseThrow().processVersion()).isEqualTo(1);
    }

    copyModels(true);
    String accountB;
    String newJourney;
    long outreachC;
    try (ConfigurableApplicationContext second = start()) {
      Journeys journeys = second.getBean(Journeys.class);
      ModelVersions versions = second.getBean(ModelVersions.class);
      SignalService signals = second.getBean(SignalService.class);
      TaskService tasks = second.getBean(TaskService.class);
      assertThat(versions.versions(PROCESS))
          .extracting(ModelVersion::version)
          .containsExactly(1, 2);
      awaitResumed(journeys, waitingA, 1, ExpansionJourney.AWAIT_SIGNAL);
      awaitResumed(journeys, waitingC, 1, ExpansionJourney.AWAIT_SIGNAL);

      // The resumed journey waits at the element version 2 no longer has, and takes a signal.
      intent(signals, accountC);
      outreachC = awaitTask(tasks, accountC, ExpansionJourney.CSM_OUTREACH).id();

      Fixtures fixtures =
          new Fixtures(second.getBean(Accounts.class), second.getBean(JdbcClient.class));
      accountB = fixtures.healthyAccount(Fixtures.allChannels(true));
      newJourney = startWaiting(signals, journeys, accountB, RENAMED);
      assertThat(journeys.find(newJourney).orElseThrow().processVersion()).isEqualTo(2);
    }

    try (ConfigurableApplicationContext third = start()) {
      Journeys journeys = third.getBean(Journeys.class);
      ModelVersions versions = third.getBean(ModelVersions.class);
      SignalService signals = third.getBean(SignalService.class);
      TaskService tasks = third.getBean(TaskService.class);
      assertThat(versions.versions(PROCESS))
          .extracting(ModelVersion::version)
          .containsExactly(1, 2);
      assertThat(versions.engineKey(PROCESS, 1)).isPresent();
      awaitResumed(journeys, waitingA, 1, ExpansionJourney.AWAIT_SIGNAL);
      awaitResumed(journeys, newJourney, 2, RENAMED);
      awaitResumed(journeys, waitingC, 1, ExpansionJourney.CSM_OUTREACH);
      List<UserTask> open = tasks.open(accountC, null, null);
      assertThat(open).extracting(UserTask::id).containsExactly(outreachC);

      intent(signals, accountA);
      awaitTask(tasks, accountA, ExpansionJourney.CSM_OUTREACH);
      intent(signals, accountB);
      awaitTask(tasks, accountB, ExpansionJourney.CSM_OUTREACH);
    }
  }

  private static void awaitResumed(
      Journeys journeys, String journeyId, int version, String element) {
    Journey journey =
        await()
            .atMost(WAIT)
            .until(
                () -> journeys.find(journeyId).orElseThrow(), j -> j.processInstanceKey() != null);
    assertThat(journey.status()).isEqualTo(Journey.ACTIVE);
    assertThat(journey.processVersion()).isEqualTo(version);
    assertThat(journey.checkpointElement()).isEqualTo(element);
  }

  private static String startWaiting(
      SignalService signals, Journeys journeys, String account, String waitingAt) {
    String journeyId =
        journeyOf(
            signals,
            signals.accept(
                new SignalService.SignalRequest(
                    account, "support_case_closed", null, Map.of("caseId", "CASE-1"), null)));
    await()
        .atMost(WAIT)
        .until(() -> journeys.find(journeyId).orElseThrow().checkpointElement(), waitingAt::equals);
    return journeyId;
  }

  private static void intent(SignalService signals, String account) {
    journeyOf(
        signals,
        signals.accept(
            new SignalService.SignalRequest(
                account, "intent", null, Map.of("topic", "pricing_page"), null)));
  }

  private static UserTask awaitTask(TaskService tasks, String account, String element) {
    return JourneyTestBase.awaitOpenTask(tasks, account, element, WAIT);
  }

  private static String journeyOf(SignalService signals, SignalService.Accepted queued) {
    return await()
        .atMost(WAIT)
        .until(
            () -> signals.find(queued.id()).orElseThrow(),
            a -> !SignalService.QUEUED.equals(a.routing()))
        .journeyId();
  }
}
