package io.expansion.playbook.support;

import static org.awaitility.Awaitility.await;

import io.expansion.playbook.accounts.AccountPages;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.Decision;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.delivery.OutboxRelay;
import io.expansion.playbook.delivery.TouchAnswers;
import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.Journeys;
import io.expansion.playbook.signals.SignalService;
import io.expansion.playbook.signals.SignalService.Accepted;
import io.expansion.playbook.signals.SignalService.SignalRequest;
import io.expansion.playbook.tasks.TaskService;
import io.expansion.playbook.tasks.UserTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the real app — embedded engine, real workers, BPMN from {@code bpmn/} — on an in-memory H2
 * database, and offers the steps scenarios are made of.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:journeys;DB_CLOSE_DELAY=-1",
      "expansion.engine.embedded-port=0",
      "expansion.demo.load-book=false",
      "expansion.plays.renewal.plan-on-startup=false",
      "expansion.engine.embedded-record-stream=true",
      // suites share this database: whole-book runs (tested in book/) must not rescore their
      // accounts behind their backs
      "expansion.book.rescore-after-import=false",
      "expansion.book.rescore-after-model-change=false"
    })
public abstract class JourneyTestBase {

  protected static final Duration WAIT = Duration.ofSeconds(20);

  protected final Fixtures fixtures;
  protected final SignalService signals;
  protected final TaskService tasks;
  protected final Journeys journeys;
  protected final DecisionLog decisions;
  protected final JdbcClient jdbc;
  protected final EmbeddedZeebeEngine engine;
  protected final EngineRecords records;
  protected final Accounts accounts;
  protected final AccountPages accountPages;
  protected final OutboxRelay relay;
  protected final TouchAnswers answers;

  protected JourneyTestBase(ApplicationContext context) {
    this.accounts = context.getBean(Accounts.class);
    this.accountPages = context.getBean(AccountPages.class);
    this.jdbc = context.getBean(JdbcClient.class);
    this.fixtures = new Fixtures(accounts, jdbc);
    this.signals = context.getBean(SignalService.class);
    this.tasks = context.getBean(TaskService.class);
    this.journeys = context.getBean(Journeys.class);
    this.decisions = context.getBean(DecisionLog.class);
    this.engine = context.getBean(EmbeddedZeebeEngine.class);
    this.records = new EngineRecords(engine);
    this.relay = context.getBean(OutboxRelay.class);
    this.answers = context.getBean(TouchAnswers.class);
  }

  /**
   * Delivers the account's latest in-app message (runs the relay until it is SENT) and reports what
   * the customer did with it, as the customer's product would.
   */
  protected TouchAnswers.Answered answerInApp(String accountId, String event) {
    String messageId = deliveredMessage(accountId, "in_app");
    return answers.inApp(messageId, event, accountId + "-C1");
  }

  /** The account's latest message on the channel, once the relay delivered it. */
  protected String deliveredMessage(String accountId, String channel) {
    String sql =
        "SELECT o.message_id FROM outbox o JOIN touches t ON t.id = o.touch_id WHERE t.account_id"
            + " = ? AND o.channel = ? AND o.status = 'SENT' ORDER BY o.id DESC";
    return await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(
            () -> {
              relay.runOnce();
              return jdbc.sql(sql).params(accountId, channel).query(String.class).list();
            },
            ids -> !ids.isEmpty())
        .getFirst();
  }

  protected Accepted signal(String accountId, String type, Map<String, Object> attributes) {
    return routed(signals.accept(new SignalRequest(accountId, type, null, attributes, null)));
  }

  /** Waits until the signal queue has routed the accepted signal; its routing and journey. */
  protected Accepted routed(Accepted queued) {
    return await()
        .atMost(WAIT)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> signals.find(queued.id()).orElseThrow(),
            a -> !SignalService.QUEUED.equals(a.routing()));
  }

  /** Waits until the journey's current step is the element (or it ended there). */
  protected Journey awaitAt(String journeyId, String elementId) {
    return await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(
            () -> journeys.find(journeyId).orElseThrow(),
            j -> elementId.equals(j.currentElement()));
  }

  protected UserTask awaitTask(String accountId, String elementId) {
    try {
      return awaitOpenTask(tasks, accountId, elementId, WAIT);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "No open task "
              + elementId
              + " for "
              + accountId
              + "; journeys "
              + journeys.forAccount(accountId)
              + "; decisions "
              + decisionLog(accountId).stream().map(d -> d.rule() + "=" + d.outcome()).toList(),
          e);
    }
  }

  /** Waits until the account has an open task at the element, and returns it. */
  public static UserTask awaitOpenTask(
      TaskService tasks, String accountId, String elementId, Duration wait) {
    return await()
        .atMost(wait)
        .pollInSameThread()
        .until(
            () ->
                tasks.open(accountId, null, null).stream()
                    .filter(t -> t.elementId().equals(elementId) && t.ready())
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  protected UserTask complete(String accountId, String elementId, Map<String, Object> answers) {
    return tasks.complete(awaitTask(accountId, elementId).id(), answers);
  }

  /**
   * Element ids the journey's instance completed, in order. For an ended journey it first waits
   * until the engine has finished the instance: the database mirror marks it ended from the end
   * event's listener job, before the engine completes the end event (or terminates a cancelled
   * one).
   */
  protected List<String> completed(String journeyId) {
    Journey journey = journeys.find(journeyId).orElseThrow();
    long instance = journey.processInstanceKey();
    if (Journey.ENDED.equals(journey.status())) {
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .until(
              () ->
                  records.completed(instance).contains(journey.processId())
                      || records.terminated(instance).contains(journey.processId()));
    }
    return records.completed(instance);
  }

  protected List<Decision> decisionLog(String accountId) {
    return decisions.forAccount(accountId, 200);
  }

  protected Decision decision(String accountId, String rule) {
    return decisionLog(accountId).stream()
        .filter(d -> d.rule().equals(rule))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No decision " + rule + " for " + accountId));
  }

  protected int count(String table, String accountId) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE account_id = ?")
        .param(accountId)
        .query(Integer.class)
        .single();
  }
}
