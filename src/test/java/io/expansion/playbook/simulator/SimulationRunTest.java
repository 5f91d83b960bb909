package io.expansion.playbook.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A small simulation of the Telco book through the real engine, run twice with the same seed (the
 * setting {@code again} changes nothing): both runs give exactly the same KPIs, experiment results,
 * holdout and activity, and the experiment recovers the planted effect within its interval.
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
            new SimulationProperties.Experiment("sim-offer-uplift", 0.5, PLANTED),
            0.05);
    SimulationPlan plan = new SimulationPlan(12, 5, 0.03, List.of("baseline", "again"));
    results = Simulations.run("test", plan, properties, (setting, day) -> {});
  }

  @Test
  void theSameSeedReproducesTheRunExactly() {
    SimulationResult first = results.get(0);
    SimulationResult second = results.get(1);
    assertThat(first.activity().get("signals")).isNotEqualTo(0L);
    assertThat(second.kpis()).isEqualTo(first.kpis());
    assertThat(second.experiments()).isEqualTo(first.experiments());
    assertThat(second.holdout()).isEqualTo(first.holdout());
    assertThat(second.activity()).isEqualTo(first.activity());
  }

  @Test
  void thePlantedEffectLiesWithinTheExperimentsInterval() {
    Map<String, Object> experiment = results.get(0).experiments().get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> lift = (Map<String, Object>) experiment.get("relativeLift");
    assertThat(lift).as(experiment.toString()).containsKeys("estimate", "ciLow", "ciHigh");
    BigDecimal planted = BigDecimal.valueOf(PLANTED);
    assertThat((BigDecimal) lift.get("ciLow")).as(experiment.toString()).isLessThan(planted);
    assertThat((BigDecimal) lift.get("ciHigh")).as(experiment.toString()).isGreaterThan(planted);
    assertThat((BigDecimal) lift.get("estimate")).as(experiment.toString()).isPositive();
  }

  @Test
  void theHoldoutIsReported() {
    Map<String, Object> holdout = results.get(0).holdout();
    assertThat((Integer) holdout.get("accounts")).isPositive();
    assertThat(holdout).containsKeys("touchesReceived", "heldOutDecisions");
  }
}
