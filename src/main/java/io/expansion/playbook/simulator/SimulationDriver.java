package io.expansion.playbook.simulator;

import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import io.expansion.playbook.engine.EngineActivity;
import io.expansion.playbook.kpi.KpiService;
import io.expansion.playbook.plays.RenewalPlanner;
import io.expansion.playbook.signals.SignalBacklogFullException;
import io.expansion.playbook.signals.SignalQueue;
import io.expansion.playbook.signals.SignalService;
import io.expansion.playbook.signals.SignalService.SignalRequest;
import io.expansion.playbook.tasks.FormCatalog;
import io.expansion.playbook.tasks.TaskService;
import io.expansion.playbook.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plays the simulated days in a simulation's own context, one day at a time: the clock moves to the
 * day's working hours (09:00 in the book's time zone, 17:00 UTC), timers due by then fire, the
 * customers send the day's signals and answer the touches delivered, the staff complete their due
 * tasks; then the clock moves to 23:00 UTC and what fell due meanwhile runs. Before every move of
 * the clock it waits for the engine to fall quiet ({@link EngineQuiet}).
 */
public class SimulationDriver {

  private static final Logger LOG = LoggerFactory.getLogger(SimulationDriver.class);
  private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(2);

  private final EmbeddedZeebeEngine engine;
  private final SignalService signals;
  private final SignalQueue queue;
  private final TaskService tasks;
  private final FormCatalog forms;
  private final KpiService kpis;
  private final RenewalPlanner renewals;
  private final ExperimentSeam experiments;
  private final SimulatedBook book;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final SimulationProperties properties;

  SimulationDriver(
      EmbeddedZeebeEngine engine,
      SignalService signals,
      SignalQueue queue,
      TaskService tasks,
      FormCatalog forms,
      KpiService kpis,
      RenewalPlanner renewals,
      ExperimentSeam experiments,
      JdbcClient jdbc,
      Clock clock,
      SimulationProperties properties) {
    this.engine = engine;
    this.signals = signals;
    this.queue = queue;
    this.tasks = tasks;
    this.forms = forms;
    this.kpis = kpis;
    this.renewals = renewals;
    this.experiments = experiments;
    this.book = new SimulatedBook(jdbc);
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
  }

  /** Runs {@code days} days with {@code seed}; {@code progress} hears each finished day. */
  public SimulationResult run(String setting, int days, long seed, IntConsumer progress) {
    long started = System.nanoTime();
    LocalDate from = properties.startDate();
    LocalDate to = from.plusDays(days - 1L);
    SimulationProperties.Experiment experiment = properties.experiment();
    experiments.start(experiment, from, to);
    CustomerModel customers = new CustomerModel(seed);
    ResponseModel responses = new ResponseModel(experiment.plantedEffect());
    Customers answering =
        new Customers(jdbc, signals, responses, experiments, experiment.key(), seed);
    Staff staff = new Staff(tasks, forms, responses, experiments, experiment.key(), seed);
    long sent = 0;
    try (EngineActivity activity = engine.openActivity()) {
      EngineQuiet quiet = new EngineQuiet(activity, queue, jdbc, clock, QUIET_TIMEOUT);
      quiet.await();
      List<String> ids = book.ids();
      for (int day = 0; day < days; day++) {
        LocalDate date = from.plusDays(day);
        pin(date.atTime(17, 0).toInstant(ZoneOffset.UTC), quiet);
        if (day > 0) {
          renewals.planDue();
        }
        Map<String, SimulatedAccount> accounts = book.accounts();
        queue.hold();
        try {
          for (SimulatedAccount account : accounts.values()) {
            if (!account.churned()) {
              for (SignalRequest signal : customers.day(account, day, date)) {
                sent += send(signal, quiet);
              }
            }
          }
        } finally {
          queue.release();
        }
        quiet.await();
        queue.hold();
        try {
          answering.answer(accounts);
        } finally {
          queue.release();
        }
        quiet.await();
        staff.work(date, day, accounts);
        quiet.await();
        pin(date.atTime(23, 0).toInstant(ZoneOffset.UTC), quiet);
        LOG.debug(
            "Day {} ({}) done after {} ms",
            day + 1,
            date,
            (System.nanoTime() - started) / 1_000_000);
        progress.accept(day + 1);
      }
      Map<String, Object> activityCounts = new LinkedHashMap<>();
      activityCounts.put("signals", sent);
      activityCounts.put("signalsByType", book.signalsByType());
      activityCounts.put("answers", answering.answers());
      activityCounts.put("tasksCompleted", staff.completed());
      activityCounts.put("taskCompletionsRefused", staff.refused());
      Map<String, Object> results = experiments.results(experiment.key(), ids);
      SimulationResult result =
          new SimulationResult(
              setting,
              from,
              to,
              ids.size(),
              (System.nanoTime() - started) / 1_000_000,
              kpis.between(from, to),
              List.of(results),
              List.of(PlantedEffect.check(results, experiment.plantedEffect())),
              book.holdout(experiments, ids),
              activityCounts);
      LOG.info(
          "Simulation {} ({} days, seed {}) done in {} ms",
          setting,
          days,
          seed,
          result.wallMillis());
      return result;
    }
  }

  private void pin(Instant time, EngineQuiet quiet) {
    engine.pinTime(time);
    quiet.awaitTimersDue(time);
  }

  private int send(SignalRequest signal, EngineQuiet quiet) {
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        signals.accept(signal);
        return 1;
      } catch (SignalBacklogFullException full) {
        queue.release();
        quiet.await();
        queue.hold();
      } catch (ApiException refused) {
        LOG.debug("Simulated signal {} refused: {}", signal.type(), refused.getMessage());
        return 0;
      }
    }
    return 0;
  }
}
