package io.expansion.playbook.plays;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.tasks.UserTask;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/** Every path of {@code bpmn/win-back.bpmn}, started by a fall in active users. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class WinBackProcessTest extends PlaysTestBase {

  WinBackProcessTest(ApplicationContext context) {
    super(context);
  }

  private String usageFell(String account) {
    signal(account, "product_usage", Map.of("activeUsers", 50));
    signal(account, "product_usage", Map.of("activeUsers", 38));
    return activeJourney(account, Play.WIN_BACK);
  }

  @Test
  void aFallOfTwentyPercentStartsWinBackAndRecoveredUsageEndsIt() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = usageFell(account);

    UserTask call = awaitTask(account, "UserTask_WinBackCall");
    assertThat(call.formId()).isEqualTo("win-back");
    assertThat(watchList.open(account))
        .hasValueSatisfying(e -> assertThat(e.reason()).contains("active users fell 24 %"));
    assertThat(touches(account, "win-back")).isEqualTo(1);
    tasks.complete(call.id(), Map.of("winBackResult", "re-engaged"));
    awaitAt(journey, "Task_AwaitUsageRecovery");

    signal(account, "product_usage", Map.of("activeUsers", 47));

    awaitEnded(journey, "End_WonBack");
    assertThat(completed(journey))
        .containsSubsequence(
            "StartEvent_UsageDropped",
            "Task_WatchList",
            "Task_ArbitrateWinBackTouch",
            "Task_CheckConsentWinBackTouch",
            "Task_SendWinBackTouch",
            "UserTask_WinBackCall",
            "Task_AwaitUsageRecovery",
            "Task_RemoveWatchList",
            "End_WonBack");
    assertThat(watchList.open(account)).isEmpty();
    assertThat(decision(account, "watch-list").rationale()).contains("active users back at 47");
  }

  @Test
  void aSmallerFallStartsNothing() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    signal(account, "product_usage", Map.of("activeUsers", 50));
    signal(account, "product_usage", Map.of("activeUsers", 42));
    assertThat(journeys.active(account, Play.WIN_BACK.processId())).isEmpty();
    assertThat(watchList.open(account)).isEmpty();
  }

  @Test
  void aLostCustomerStaysOnTheWatchList() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = usageFell(account);
    complete(account, "UserTask_WinBackCall", Map.of("winBackResult", "lost"));

    awaitEnded(journey, "End_Lost");
    assertThat(watchList.open(account)).isPresent();
  }

  @Test
  void withoutConsentTheTouchIsSkippedAndWithoutRecoveryTheWindowCloses() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(false));
    String journey = usageFell(account);
    complete(account, "UserTask_WinBackCall", Map.of("winBackResult", "needs-help"));
    awaitAt(journey, "Task_AwaitUsageRecovery");

    fire(
        journey,
        "Timer_RecoveryWindow",
        Duration.ofDays(31),
        () -> at(journey, "End_NotRecovered"));
    awaitEnded(journey, "End_NotRecovered");
    assertThat(completed(journey))
        .contains("Task_CheckConsentWinBackTouch", "Timer_RecoveryWindow", "End_NotRecovered")
        .doesNotContain("Task_SendWinBackTouch", "Task_RemoveWatchList");
    assertThat(touches(account, "win-back")).isZero();
    assertThat(decision(account, "contact-policy").outcome()).isEqualTo("no-touch");
    assertThat(watchList.open(account)).isPresent();
  }
}
