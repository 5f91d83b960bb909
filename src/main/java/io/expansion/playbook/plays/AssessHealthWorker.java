package io.expansion.playbook.plays;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.scoring.HealthModel;
import io.expansion.playbook.scoring.HealthScores;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The remediation recheck: the account is rescored now — has health recovered? If not, the next
 * round starts, unless the play has run out of rounds.
 */
@Component
public class AssessHealthWorker {

  static final String TYPE = "assess-health";

  private final HealthScores scores;
  private final DecisionLog decisions;
  private final JourneyService journeys;

  AssessHealthWorker(HealthScores scores, DecisionLog decisions, JourneyService journeys) {
    this.scores = scores;
    this.decisions = decisions;
    this.journeys = journeys;
  }

  /** The recheck's result. */
  public record Recovery(int health, boolean recovered, boolean giveUp, String reason) {}

  public record Output(Recovery recovery, int round, String recoveryReason) {}

  @JobWorker(type = TYPE)
  public Output assess(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer round,
      @Variable Map<String, Object> remediation) {
    journeys.reached(job);
    HealthModel.Result scored =
        scores
            .rescore(
                accountId,
                "play:health-remediation",
                journeyId,
                StepKey.of(job, journeyId) + ":scoring")
            .health();
    int health = scored.health();
    int recoveredAt = ((Number) remediation.get("recoveredAt")).intValue();
    int maxRounds = ((Number) remediation.get("maxRounds")).intValue();
    boolean recovered = health >= recoveredAt;
    boolean giveUp = !recovered && round >= maxRounds;
    String reason =
        recovered
            ? "health " + health + " is back at or above " + recoveredAt
            : giveUp
                ? "health "
                    + health
                    + " still below "
                    + recoveredAt
                    + " after "
                    + round
                    + " rounds; the account stays on the watch list"
                : "health " + health + " still below " + recoveredAt + ": round " + (round + 1);
    decisions.record(
        StepKey.of(job, journeyId) + ":recheck",
        accountId,
        journeyId,
        "remediation-recheck",
        recovered ? "recovered" : giveUp ? "gave up" : "next round",
        reason,
        Map.of(
            "health",
            health,
            "recoveredAt",
            recoveredAt,
            "round",
            round,
            "modelVersion",
            scored.modelVersion()));
    return new Output(
        new Recovery(health, recovered, giveUp, reason),
        recovered || giveUp ? round : round + 1,
        reason);
  }
}
