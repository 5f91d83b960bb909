package io.expansion.playbook.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.signals.Signals;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * segment: computes the account's scores (the inputs of {@code segmentation.dmn}) and stores them.
 */
@Component
public class ScoreAccountWorker {

  static final String TYPE = "score-account";
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Accounts accounts;
  private final Signals signals;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final ObjectMapper json;
  private final Clock clock;

  ScoreAccountWorker(
      Accounts accounts,
      Signals signals,
      DecisionLog decisions,
      JourneyService journeys,
      ObjectMapper json,
      Clock clock) {
    this.accounts = accounts;
    this.signals = signals;
    this.decisions = decisions;
    this.journeys = journeys;
    this.json = json;
    this.clock = clock;
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
    Account account =
        accounts
            .findById(accountId)
            .orElseThrow(() -> new IllegalStateException("Account " + accountId + " vanished"));
    OffsetDateTime now = OffsetDateTime.now(clock);
    AccountScores scores =
        ScoringModel.score(
            account,
            attributes(account),
            accounts.ownedProducts(accountId),
            signals.since(accountId, now.minus(ScoringModel.RECENT)),
            now);
    accounts.updateScores(
        accountId,
        scores.health(),
        scores.valueScore(),
        scores.usageScore(),
        scores.intentScore(),
        scores.lifecycleStage());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("healthFactors", scores.healthFactors());
    inputs.put("mrr", account.mrr());
    inputs.put("utilisation", scores.utilisation());
    inputs.put("tenureMonths", account.tenureMonths());
    decisions.record(
        journeyId + ":" + loop + ":scoring",
        accountId,
        journeyId,
        "scoring:rule-based-v1",
        "health " + scores.health(),
        "Health "
            + scores.health()
            + " (sum of factors "
            + scores.healthFactors()
            + "), value "
            + scores.valueScore()
            + ", usage "
            + scores.usageScore()
            + ", intent "
            + scores.intentScore()
            + ", stage "
            + scores.lifecycleStage(),
        inputs);
    return new Output(scores);
  }

  private Map<String, Object> attributes(Account account) {
    try {
      return json.readValue(account.attributes(), MAP);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
