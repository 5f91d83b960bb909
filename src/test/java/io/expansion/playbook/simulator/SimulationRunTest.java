package io.expansion.playbook.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A small simulation of the Telco book through the real engine, run twice with the same seed (the
 * setting {@code again} changes nothing): both runs give exactly the same result, the experiment
 * recovers the planted effect within its interval, and held-out accounts get no touch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationRunTest {

  static final double PLANTED = 1.0;
  private List<SimulationResult> results;

  @BeforeAll
  void run() {
    SimulationProperties properties =
        new SimulationProperties(
            30,
            LocalDate.of(2030, 1, 7),
            "classpath:demo/telco-customers.csv",
            "telco",
            Map.of("again", Map.of()),
            new SimulationProperties.Experiment(
                "sim-offer-uplift", "discount-cap", "100", 0.5, PLANTED),
            0.05);
    SimulationPlan plan = new SimulationPlan(12, 5, 0.03, List.of("baseline", "again"));
    results = Simulations.run("test", plan, properties, (setting, day) -> {});
  }

  /**
   * Two runs with one seed are the same run: the customers' signals, their answers, the tasks the
   * staff completed, the KPIs, the experiment's results and the holdout are all equal (only the
   * wall time differs).
   */
  @Test
  void theSameSeedReproducesTheRunExactly() {
    SimulationResult first = results.get(0);
    SimulationResult second = results.get(1);
    assertThat(first.activity().get("signals")).isNotEqualTo(0L);
    assertThat((Long) first.activity().get("tasksCompleted")).isPositive();
    assertThat(signals(first)).isNotEmpty();
    assertThat(second.activity()).isEqualTo(first.activity());
    assertThat(second.kpis()).isEqualTo(first.kpis());
    assertThat(second.experiments()).isEqualTo(first.experiments());
    assertThat(second.plantedEffects()).isEqualTo(first.plantedEffects());
    assertThat(second.holdout()).isEqualTo(first.holdout());
    assertThat(second.accounts()).isEqualTo(first.accounts());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> signals(SimulationResult r) {
    return (Map<String, Long>) r.activity().get("signalsByType");
  }

  @Test
  void thePlantedEffectLiesWithinTheExperimentsInterval() {
    Map<String, Object> planted = results.get(0).plantedEffects().get(0);
    assertThat(planted)
        .as(results.get(0).experiments().toString())
        .containsEntry("recovered", true);
    assertThat((Double) planted.get("observedLift")).as(planted.toString()).isPositive();
    assertThat(results.get(0).experiments().get(0)).containsEntry("key", "sim-offer-uplift");
  }

  @Test
  void heldOutAccountsReceiveNoTouch() {
    Map<String, Object> holdout = results.get(0).holdout();
    assertThat((Integer) holdout.get("accounts")).as(holdout.toString()).isPositive();
    assertThat(holdout).containsEntry("touchesReceived", 0L);
    assertThat((Long) holdout.get("heldOutDecisions")).as(holdout.toString()).isPositive();
  }
}
