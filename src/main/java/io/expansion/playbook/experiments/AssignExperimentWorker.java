package io.expansion.playbook.experiments;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.experiments.ExperimentService.Exposure;
import io.expansion.playbook.journeys.JourneyService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * orchestrate: the account's arms in the experiments running on the play, before the play acts.
 * Outputs {@code experiments} (each experiment's key, step and arm) and {@code variant} (the arms'
 * values by step variable: {@code touchChannel}, {@code discountCapPct}, {@code valueProof}, {@code
 * offerCode}), which the steps read; the control arm sets nothing, so the step behaves as without
 * an experiment. Recorded as a decision (rule {@code experiment}) once per loop.
 */
@Component
public class AssignExperimentWorker {

  public static final String TYPE = "assign-experiment";
  static final String EXPANSION = "expansion";

  private final ExperimentService experiments;
  private final DecisionLog decisions;
  private final JourneyService journeys;

  AssignExperimentWorker(
      ExperimentService experiments, DecisionLog decisions, JourneyService journeys) {
    this.experiments = experiments;
    this.decisions = decisions;
    this.journeys = journeys;
  }

  public record Output(List<Exposure> experiments, Map<String, Object> variant) {}

  @JobWorker(type = TYPE)
  public Output assign(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop,
      @Variable String play) {
    journeys.reached(job);
    String playName = play == null ? EXPANSION : play;
    List<Exposure> exposures = experiments.assign(accountId, playName, journeyId);
    Map<String, Object> variant = new LinkedHashMap<>();
    for (Exposure e : exposures) {
      if (!e.control()) {
        ExperimentStep step = ExperimentStep.of(playName, e.step()).orElseThrow();
        variant.put(step.variable(), step.variableValue(e.value()));
      }
    }
    if (!exposures.isEmpty()) {
      decisions.record(
          journeyId + ":" + (loop == null ? 0 : loop) + ":" + job.getElementId() + ":experiment",
          accountId,
          journeyId,
          "experiment",
          String.join(", ", exposures.stream().map(e -> e.experiment() + "=" + e.arm()).toList()),
          "Arms of the experiments running on "
              + playName
              + ": "
              + String.join(
                  "; ",
                  exposures.stream()
                      .map(
                          e ->
                              e.experiment()
                                  + " ("
                                  + e.step()
                                  + ") arm "
                                  + e.arm()
                                  + (e.control() ? " (control)" : " = " + e.value())
                                  + (e.firstExposure()
                                      ? ", first exposure"
                                      : ", as assigned before"))
                      .toList()),
          Map.of("variant", variant, "play", playName));
    }
    return new Output(exposures, variant);
  }
}
