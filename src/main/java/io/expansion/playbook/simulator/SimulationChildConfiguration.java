package io.expansion.playbook.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import io.expansion.playbook.experiments.ExperimentResultsService;
import io.expansion.playbook.experiments.ExperimentService;
import io.expansion.playbook.experiments.GlobalHoldout;
import io.expansion.playbook.kpi.KpiService;
import io.expansion.playbook.plays.RenewalPlanner;
import io.expansion.playbook.signals.SignalQueue;
import io.expansion.playbook.signals.SignalService;
import io.expansion.playbook.tasks.FormCatalog;
import io.expansion.playbook.tasks.TaskService;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The driver of a simulation's own context ({@code expansion.simulator.child=true}, set only by
 * {@link SimulationContexts}), and the {@link ExperimentSeam} on the experiments package.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SimulationContexts.CHILD, havingValue = "true")
class SimulationChildConfiguration {

  @Bean
  ExperimentSeam experimentSeam(
      ExperimentService experiments,
      ExperimentResultsService results,
      GlobalHoldout holdout,
      JdbcClient jdbc,
      ObjectMapper json) {
    return new ExperimentsAdapter(experiments, results, holdout, jdbc, json);
  }

  @Bean
  SimulationDriver simulationDriver(
      EmbeddedZeebeEngine engine,
      SignalService signals,
      SignalQueue queue,
      TaskService tasks,
      FormCatalog forms,
      KpiService kpis,
      RenewalPlanner renewals,
      ExperimentSeam seam,
      JdbcClient jdbc,
      Clock clock,
      SimulationProperties properties) {
    return new SimulationDriver(
        engine, signals, queue, tasks, forms, kpis, renewals, seam, jdbc, clock, properties);
  }
}
