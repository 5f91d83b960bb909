package io.expansion.playbook.simulator;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulator's settings ({@code expansion.simulator.*}).
 *
 * @param maxDays the longest run POST /api/simulations accepts
 * @param startDate the first simulated day (the engine and app clock start there, 00:00 UTC)
 * @param bookPath the book every run samples its accounts from
 * @param mapping the book's mapping
 * @param settings named property overrides a run may compare side by side; {@code baseline} is the
 *     configuration as it is
 * @param experiment the experiment the simulated customers answer with a planted effect
 * @param holdoutShare the global holdout's share in the run's own context (there {@code
 *     expansion.experiments.global-holdout.share})
 */
@ConfigurationProperties("expansion.simulator")
public record SimulationProperties(
    @DefaultValue("365") int maxDays,
    @DefaultValue("2030-01-07") LocalDate startDate,
    @DefaultValue("classpath:demo/telco-customers.csv") String bookPath,
    @DefaultValue("telco") String mapping,
    Map<String, Map<String, String>> settings,
    @DefaultValue Experiment experiment,
    @DefaultValue("0.05") double holdoutShare) {

  public static final String BASELINE = "baseline";

  public SimulationProperties {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  /** Whether {@code name} is a setting a run may use. */
  public boolean knows(String name) {
    return BASELINE.equals(name) || settings.containsKey(name);
  }

  /** The property overrides of a setting (none for the baseline). */
  public Map<String, String> overrides(String name) {
    return settings.getOrDefault(name, Map.of());
  }

  /**
   * @param key the experiment's key
   * @param step the expansion journey's step the experiment varies (experiments package)
   * @param variantValue what the variant arm sets at the step
   * @param variantShare share of the exposed accounts in the variant arm
   * @param plantedEffect the variant's effect on the customer's propensity to accept an offer (0.5
   *     = +50 %)
   */
  public record Experiment(
      @DefaultValue("sim-offer-uplift") String key,
      @DefaultValue("discount-cap") String step,
      @DefaultValue("100") String variantValue,
      @DefaultValue("0.5") double variantShare,
      @DefaultValue("0.5") double plantedEffect) {}
}
