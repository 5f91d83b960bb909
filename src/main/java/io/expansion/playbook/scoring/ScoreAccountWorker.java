package io.expansion.playbook.scoring;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.journeys.JourneyService;
import org.springframework.stereotype.Component;

/**
 * segment: scores the account (the inputs of {@code segmentation.dmn}) through {@link
 * HealthScores}, once per journey loop; relies on the scoring its signal just stored when nothing
 * changed since.
 */
@Component
public class ScoreAccountWorker {

  static final String TYPE = "score-account";

  private final HealthScores healthScores;
  private final JourneyService journeys;

  ScoreAccountWorker(HealthScores healthScores, JourneyService journeys) {
    this.healthScores = healthScores;
    this.journeys = journeys;
  }

  /** The worker's output: the scores, under one variable. */
  public record Output(AccountScores scores) {}

  @JobWorker(type = TYPE)
  public Output score(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer loop) {
    journeys.reached(job);
    HealthScores.Rescored rescored =
        healthScores.rescoreForJourney(accountId, journeyId, journeyId + ":" + loop + ":scoring");
    return new Output(rescored.scores());
  }
}
