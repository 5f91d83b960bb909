package io.expansion.playbook.plays;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.scoring.HealthScores;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A renewal checkpoint (90, 60 or 30 days out): is the account healthy enough for a renewal upsell,
 * or does it need a save play? At-risk means the at-risk segment or health under the line.
 */
@Component
public class AssessRenewalWorker {

  static final String TYPE = "assess-renewal";

  private final Accounts accounts;
  private final HealthScores scores;
  private final PlayProperties properties;
  private final DecisionLog decisions;
  private final JourneyService journeys;
  private final Clock clock;

  AssessRenewalWorker(
      Accounts accounts,
      HealthScores scores,
      PlayProperties properties,
      DecisionLog decisions,
      JourneyService journeys,
      Clock clock) {
    this.accounts = accounts;
    this.scores = scores;
    this.properties = properties;
    this.decisions = decisions;
    this.journeys = journeys;
    this.clock = clock;
  }

  /** The checkpoint's verdict. */
  public record RenewalCheck(
      int reviewPoint,
      Integer health,
      String segment,
      boolean healthy,
      long daysToRenewal,
      String reason) {}

  public record Output(RenewalCheck renewalCheck) {}

  @JobWorker(type = TYPE)
  public Output assess(
      ActivatedJob job,
      @Variable String accountId,
      @Variable String journeyId,
      @Variable Integer reviewPoint,
      @Variable Map<String, Object> renewal) {
    journeys.reached(job);
    String modelVersion =
        scores
            .rescore(
                accountId,
                "play:renewal",
                journeyId,
                journeyId + ":renewal-" + reviewPoint + ":scoring")
            .health()
            .modelVersion();
    Account account = accounts.findById(accountId).orElseThrow();
    LocalDate date = LocalDate.parse(renewal.get("date").toString());
    long days = ChronoUnit.DAYS.between(LocalDate.now(clock), date);
    int line = properties.remediation().atRiskBelow();
    boolean atRisk =
        "at-risk".equals(account.segment()) || account.health() == null || account.health() < line;
    String reason =
        atRisk
            ? "At risk "
                + days
                + " days before renewal (health "
                + account.health()
                + ", segment "
                + account.segment()
                + "): save play"
            : "Healthy "
                + days
                + " days before renewal (health "
                + account.health()
                + ", segment "
                + account.segment()
                + ")";
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("health", account.health());
    inputs.put("segment", account.segment());
    inputs.put("atRiskBelow", line);
    inputs.put("renewalDate", date.toString());
    inputs.put("modelVersion", modelVersion);
    decisions.record(
        journeyId + ":renewal-" + reviewPoint,
        accountId,
        journeyId,
        "renewal-checkpoint",
        reviewPoint + "d: " + (atRisk ? "at-risk" : "healthy"),
        reason,
        inputs);
    return new Output(
        new RenewalCheck(reviewPoint, account.health(), account.segment(), !atRisk, days, reason));
  }
}
