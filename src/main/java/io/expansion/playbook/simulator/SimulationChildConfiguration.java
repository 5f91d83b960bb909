package io.expansion.playbook.simulator;

import io.expansion.playbook.engine.EmbeddedZeebeEngine;
import io.expansion.playbook.kpi.KpiService;
import io.expansion.playbook.plays.RenewalPlanner;
import io.expansion.playbook.signals.SignalQueue;
import io.expansion.playbook.signals.SignalService;
import io.expansion.playbook.tasks.FormCatalog;
import io.expansion.playbook.tasks.TaskService;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The driver of a simulation's own context ({@code expansion.simulator.child=true}, set only by
 * {@link SimulationContexts}). The experiments come from an {@link ExperimentSeam} bean when the
 * experiments package provides one, else from the {@link StandInExperiments}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SimulationContexts.CHILD, havingValue = "true")
class SimulationChildConfiguration {

  @Bean
  SimulationDriver simulationDriver(
      EmbeddedZeebeEngine engine,
      SignalService signals,
      SignalQueue queue,
      TaskService tasks,
      FormCatalog forms,
      KpiService kpis,
      RenewalPlanner renewals,
      ObjectProvider<ExperimentSeam> experiments,
      JdbcClient jdbc,
      Clock clock,
      SimulationProperties properties) {
    ExperimentSeam seam =
        experiments.getIfAvailable(() -> new StandInExperiments(jdbc, properties.holdoutShare()));
    return new SimulationDriver(
        engine, signals, queue, tasks, forms, kpis, renewals, seam, jdbc, clock, properties);
  }
}
