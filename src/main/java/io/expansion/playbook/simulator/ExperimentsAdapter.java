package io.expansion.playbook.simulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.experiments.Arm;
import io.expansion.playbook.experiments.ExperimentResultsService;
import io.expansion.playbook.experiments.ExperimentService;
import io.expansion.playbook.experiments.GlobalHoldout;
import io.expansion.playbook.experiments.NewExperiment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link ExperimentSeam} on the experiments package: the run's experiment is created with
 * {@link ExperimentService} (arms {@code control} and {@code variant}), an account's arm is its
 * sticky assignment (stored at first exposure in the expansion journey), the holdout is {@link
 * GlobalHoldout}'s and the results are {@link ExperimentResultsService}'s, as {@code GET
 * /api/experiments/{key}/results} gives them.
 */
class ExperimentsAdapter implements ExperimentSeam {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final ExperimentService experiments;
  private final ExperimentResultsService results;
  private final GlobalHoldout holdout;
  private final JdbcClient jdbc;
  private final ObjectMapper json;

  ExperimentsAdapter(
      ExperimentService experiments,
      ExperimentResultsService results,
      GlobalHoldout holdout,
      JdbcClient jdbc,
      ObjectMapper json) {
    this.experiments = experiments;
    this.results = results;
    this.holdout = holdout;
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  public void start(SimulationProperties.Experiment experiment, LocalDate from, LocalDate to) {
    BigDecimal variant = BigDecimal.valueOf(experiment.variantShare() * 100);
    experiments.create(
        new NewExperiment(
            experiment.key(),
            "Simulated: the variant's customers accept offers "
                + Math.round(experiment.plantedEffect() * 100)
                + " % more often (the planted effect)",
            "expansion",
            experiment.step(),
            List.of(
                new Arm(CONTROL, BigDecimal.valueOf(100).subtract(variant), true, null),
                new Arm(VARIANT, variant, false, experiment.variantValue())),
            "expansion-mrr",
            (int) ChronoUnit.DAYS.between(from, to) + 1,
            null,
            from.atStartOfDay().atOffset(ZoneOffset.UTC),
            null));
  }

  @Override
  public String arm(String experimentKey, String accountId) {
    return jdbc.sql(
            "SELECT arm FROM experiment_assignments WHERE experiment_key = ? AND account_id = ?")
        .params(experimentKey, accountId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  @Override
  public boolean heldOut(String accountId) {
    return holdout.heldOut(accountId);
  }

  @Override
  public Map<String, Object> results(String experimentKey, List<String> accountIds) {
    return json.convertValue(results.results(experimentKey), MAP);
  }
}
