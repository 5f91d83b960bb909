package io.expansion.playbook.plays;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Play arbitration before a play acts on an account (a touch, an offer): the play yields when a
 * play of a higher priority is active. The verdict and its reason are recorded either way.
 */
@Component
public class ArbitratePlayWorker {

  static final String TYPE = "arbitrate-play";

  private final PlayArbiter arbiter;
  private final DecisionLog decisions;
  private final JourneyService journeys;

  ArbitratePlayWorker(PlayArbiter arbiter, DecisionLog decisions, JourneyService journeys) {
    this.arbiter = arbiter;
    this.decisions = decisions;
    this.journeys = journeys;
  }

  public record Output(PlayArbiter.Verdict arbitration) {}

  @JobWorker(type = TYPE)
  public Output arbitrate(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable(name = Play.VARIABLE) String play,
      @Variable Map<String, Object> signal) {
    journeys.reached(job);
    Play asking =
        Play.ofCode(play)
            .orElseThrow(() -> new IllegalStateException("Unknown play '" + play + "'"));
    String handedOverBy =
        signal == null || signal.get("handedOverBy") == null
            ? null
            : signal.get("handedOverBy").toString();
    PlayArbiter.Verdict verdict = arbiter.decide(accountId, asking, journeyId, handedOverBy);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("play", asking.code());
    inputs.put("element", job.getElementId());
    inputs.put("heldBy", verdict.heldBy());
    inputs.put("handedOverBy", handedOverBy);
    decisions.record(
        StepKey.of(job, journeyId) + ":arbitration",
        accountId,
        journeyId,
        "arbitration",
        verdict.granted() ? "granted" : "yields to " + verdict.heldBy(),
        verdict.reason(),
        inputs);
    return new Output(verdict);
  }
}
