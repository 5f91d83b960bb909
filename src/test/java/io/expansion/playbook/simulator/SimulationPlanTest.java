package io.expansion.playbook.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expansion.playbook.web.ApiException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationPlanTest {

  private final SimulationProperties properties =
      new SimulationProperties(
          30,
          LocalDate.of(2030, 1, 7),
          "classpath:demo/telco-customers.csv",
          "telco",
          Map.of("strict-offers", Map.of("expansion.contact-policy.caps.offer.window", "P30D")),
          new SimulationProperties.Experiment("e", "discount-cap", "100", 0.5, 0.5),
          0.05);

  @Test
  void defaultsToTheBaselineSeedOneAndFivePercentOfTheBook() {
    SimulationPlan plan =
        SimulationPlan.of(new SimulationRequest(10, null, null, null), properties);
    assertThat(plan)
        .isEqualTo(new SimulationPlan(10, 1, 0.05, List.of(SimulationProperties.BASELINE)));
  }

  @Test
  void daysMustBeBetweenOneAndTheMaximum() {
    assertThatThrownBy(() -> plan(0, null, null))
        .isInstanceOf(ApiException.class)
        .hasMessage("Field 'days' must be between 1 and 30, not 0");
    assertThatThrownBy(() -> plan(31, null, null))
        .hasMessage("Field 'days' must be between 1 and 30, not 31");
    assertThatThrownBy(() -> plan(null, null, null)).hasMessage("Field 'days' is required (1..30)");
  }

  @Test
  void anUnknownSettingIsNamed() {
    assertThatThrownBy(() -> plan(5, null, List.of("baseline", "loose-caps")))
        .hasMessage("Unknown setting 'loose-caps'; expected one of [baseline, strict-offers]");
  }

  @Test
  void atMostTwoDistinctSettingsAndAShareUpToTheWholeBook() {
    assertThat(plan(5, 1.0, List.of("baseline", "strict-offers")).settings())
        .containsExactly("baseline", "strict-offers");
    assertThatThrownBy(() -> plan(5, null, List.of("baseline", "baseline")))
        .hasMessage("Setting 'baseline' is named twice");
    assertThatThrownBy(() -> plan(5, null, List.of("baseline", "strict-offers", "baseline")))
        .hasMessage("Field 'settings' compares at most two settings, not 3");
    assertThatThrownBy(() -> plan(5, 0.0, null))
        .hasMessage("Field 'accountShare' must be above 0 and at most 1, not 0.0");
    assertThatThrownBy(() -> plan(5, 1.5, null))
        .hasMessage("Field 'accountShare' must be above 0 and at most 1, not 1.5");
  }

  private SimulationPlan plan(Integer days, Double share, List<String> settings) {
    return SimulationPlan.of(new SimulationRequest(days, 7L, share, settings), properties);
  }
}
