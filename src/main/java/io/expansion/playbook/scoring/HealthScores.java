package io.expansion.playbook.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.scoring.HealthHistory.HealthScore;
import io.expansion.playbook.signals.Signals;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores accounts with the active score-card version: stores the scores on the account, a history
 * row and a decision ({@code scoring:<version>}), then publishes {@link HealthScored}. Other
 * packages call {@link #rescore(String, String, String)} (e.g. after a stored signal).
 */
@Service
public class HealthScores {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** The trigger of a journey's scoring step. */
  static final String JOURNEY_TRIGGER = "journey";

  /** How old the latest scoring may be for a journey step to rely on it when nothing changed. */
  static final Duration UNCHANGED_WITHIN = Duration.ofMinutes(10);

  private final Accounts accounts;
  private final Signals signals;
  private final ModelRegistry registry;
  private final HealthHistory history;
  private final DecisionLog decisions;
  private final ScoringProperties properties;
  private final ApplicationEventPublisher events;
  private final ObjectMapper json;
  private final Clock clock;

  public HealthScores(
      Accounts accounts,
      Signals signals,
      ModelRegistry registry,
      HealthHistory history,
      DecisionLog decisions,
      ScoringProperties properties,
      ApplicationEventPublisher events,
      ObjectMapper json,
      Clock clock) {
    this.accounts = accounts;
    this.signals = signals;
    this.registry = registry;
    this.history = history;
    this.decisions = decisions;
    this.properties = properties;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /**
   * The outcome of a rescoring.
   *
   * @param recorded false when the business key had been scored already (nothing stored again)
   */
  public record Rescored(
      AccountScores scores, HealthModel.Result health, Integer previousHealth, boolean recorded) {}

  /** Current score, its contributions and the latest history rows of an account. */
  public record AccountHealth(
      Integer health,
      String stage,
      String modelVersion,
      OffsetDateTime scoredAt,
      Double churnProbability,
      String trigger,
      List<Contribution> contributions,
      List<HistoryEntry> history) {}

  /** One history row without its contributions. */
  public record HistoryEntry(
      long id,
      OffsetDateTime scoredAt,
      int health,
      Integer previousHealth,
      String stage,
      String modelVersion,
      String trigger,
      String journeyId) {}

  /**
   * Rescores an account now.
   *
   * @param trigger what asks for it, e.g. {@code signal:nps_response}, {@code play:renewal}
   * @param journeyId the journey on whose behalf, or {@code null}
   * @throws IllegalArgumentException if the account does not exist
   */
  @Transactional
  public Rescored rescore(String accountId, String trigger, String journeyId) {
    return rescore(accountId, trigger, journeyId, null);
  }

  /**
   * Rescores an account once per business key: when {@code businessKey} was scored already (a
   * redelivered job), the scores are computed but nothing is stored or published again.
   */
  @Transactional
  public Rescored rescore(String accountId, String trigger, String journeyId, String businessKey) {
    return rescore(accountId, trigger, journeyId, businessKey, false);
  }

  /**
   * A journey's scoring step: like {@link #rescore(String, String, String, String)}, except when
   * nothing changed since the account's latest scoring of the last {@link #UNCHANGED_WITHIN} (the
   * usual case: the signal that started or woke the journey rescored the account a moment ago).
   * Then it stores no second history row, leaves the account as it is and publishes nothing; the
   * journey's decision row names the scoring it relied on.
   */
  @Transactional
  public Rescored rescoreForJourney(String accountId, String journeyId, String businessKey) {
    return rescore(accountId, JOURNEY_TRIGGER, journeyId, businessKey, true);
  }

  private Rescored rescore(
      String accountId,
      String trigger,
      String journeyId,
      String businessKey,
      boolean keepUnchanged) {
    // The row lock serialises scorings of the account (a journey's, a signal's, a book run's),
    // so each one reads the inputs and the latest scoring the previous one committed.
    Account account =
        accounts
            .findByIdForUpdate(accountId)
            .orElseThrow(() -> new IllegalArgumentException("Unknown account: " + accountId));
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    AccountSnapshot snapshot = snapshot(account, now);
    HealthModel.Result health = score(snapshot, registry.active());
    AccountScores scores = ScoringModel.score(snapshot, health);
    Optional<HealthScore> latest = history.latest(accountId);
    Integer previous = latest.map(HealthScore::health).orElse(account.health());
    if (businessKey != null && history.exists(businessKey)) {
      return new Rescored(scores, health, previous, false);
    }
    if (keepUnchanged
        && latest.isPresent()
        && unchanged(latest.get(), account, scores, health, now)) {
      HealthScore kept = latest.get();
      recordDecision(
          account,
          scores,
          health,
          kept.previousHealth(),
          trigger + " (unchanged since health score #" + kept.id() + ", " + kept.trigger() + ")",
          journeyId,
          businessKey);
      return new Rescored(scores, health, kept.previousHealth(), false);
    }
    accounts.updateScores(
        accountId,
        scores.health(),
        scores.valueScore(),
        scores.usageScore(),
        scores.intentScore(),
        scores.lifecycleStage());
    history.insert(accountId, now, health, previous, trigger, journeyId, businessKey);
    recordDecision(account, scores, health, previous, trigger, journeyId, businessKey);
    Map<String, Object> points = new LinkedHashMap<>(health.points());
    events.publishEvent(
        new HealthScored(
            accountId, previous, health.health(), health.stage(), health.modelVersion(), points));
    return new Rescored(scores, health, previous, true);
  }

  /** The account's current score, contributions and latest {@code limit} history rows. */
  public AccountHealth ofAccount(String accountId, int limit) {
    List<HealthScore> rows = history.forAccount(accountId, limit);
    List<HistoryEntry> entries =
        rows.stream()
            .map(
                r ->
                    new HistoryEntry(
                        r.id(),
                        r.scoredAt(),
                        r.health(),
                        r.previousHealth(),
                        r.stage(),
                        r.modelVersion(),
                        r.trigger(),
                        r.journeyId()))
            .toList();
    if (rows.isEmpty()) {
      return new AccountHealth(null, null, null, null, null, null, List.of(), List.of());
    }
    HealthScore current = rows.get(0);
    return new AccountHealth(
        current.health(),
        current.stage(),
        current.modelVersion(),
        current.scoredAt(),
        current.churnProbability(),
        current.trigger(),
        current.contributions(),
        entries);
  }

  /** The account's latest scorings with their contributions, newest first. */
  public List<HealthScore> history(String accountId, int limit) {
    return history.forAccount(accountId, limit);
  }

  /** The default number of history rows shown with an account. */
  public int historyLimit() {
    return properties.historyLimit();
  }

  AccountSnapshot snapshot(Account account, OffsetDateTime now) {
    return new AccountSnapshot(
        account,
        attributes(account),
        accounts.ownedProducts(account.id()),
        signals.since(account.id(), now.minus(properties.signalWindow())),
        now);
  }

  HealthModel.Result score(AccountSnapshot snapshot, ModelRegistry.Active model) {
    String stage =
        ScoringModel.lifecycleStage(
            snapshot.account(),
            snapshot.now(),
            properties.onboardingMonths(),
            properties.preRenewalDays());
    var weights = properties.stages().of(stage);
    return model.model() == null
        ? HealthModel.configured(snapshot, stage, weights, model.version())
        : HealthModel.calibrated(
            snapshot, stage, weights, model.version(), model.model(), model.protectedNames());
  }

  Map<String, Object> attributes(Account account) {
    try {
      return account.attributes() == null ? Map.of() : json.readValue(account.attributes(), MAP);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  /**
   * {@link #sameScoring} and recent enough that the drop and recovery windows of the plays still
   * see a row.
   */
  private static boolean unchanged(
      HealthScore latest,
      Account account,
      AccountScores scores,
      HealthModel.Result health,
      OffsetDateTime now) {
    return latest.scoredAt().isAfter(now.minus(UNCHANGED_WITHIN))
        && sameScoring(latest, account, scores, health);
  }

  /**
   * Whether a fresh scoring says nothing the latest one did not: same model, stage, health and
   * points per factor, and the account's stored scores equal.
   */
  static boolean sameScoring(
      HealthScore latest, Account account, AccountScores scores, HealthModel.Result health) {
    Map<String, Integer> latestPoints = new LinkedHashMap<>();
    latest.contributions().forEach(c -> latestPoints.put(c.factor(), c.points()));
    return sameScoring(
        latest.modelVersion(),
        latest.stage(),
        latest.health(),
        latestPoints,
        account,
        scores,
        health);
  }

  /** {@link #sameScoring(HealthScore, Account, AccountScores, HealthModel.Result)} by parts. */
  static boolean sameScoring(
      String latestModelVersion,
      String latestStage,
      int latestHealth,
      Map<String, Integer> latestPoints,
      Account account,
      AccountScores scores,
      HealthModel.Result health) {
    return latestModelVersion.equals(health.modelVersion())
        && latestStage.equals(health.stage())
        && latestHealth == health.health()
        && latestPoints.equals(health.points())
        && Objects.equals(account.health(), scores.health())
        && Objects.equals(account.valueScore(), scores.valueScore())
        && Objects.equals(account.usageScore(), scores.usageScore())
        && Objects.equals(account.intentScore(), scores.intentScore())
        && Objects.equals(account.lifecycleStage(), scores.lifecycleStage());
  }

  private void recordDecision(
      Account account,
      AccountScores scores,
      HealthModel.Result health,
      Integer previous,
      String trigger,
      String journeyId,
      String businessKey) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("modelVersion", health.modelVersion());
    inputs.put("stage", health.stage());
    inputs.put("healthFactors", scores.healthFactors());
    inputs.put("churnProbability", health.churnProbability());
    inputs.put("previousHealth", previous);
    inputs.put("trigger", trigger);
    inputs.put("mrr", account.mrr());
    inputs.put("utilisation", scores.utilisation());
    inputs.put("tenureMonths", account.tenureMonths());
    String factors =
        health.contributions().stream()
            .filter(c -> c.points() != 0)
            .map(c -> c.factor() + (c.points() > 0 ? " +" : " ") + c.points())
            .collect(Collectors.joining(", "));
    decisions.record(
        businessKey,
        account.id(),
        journeyId,
        "scoring:" + health.modelVersion(),
        "health " + scores.health(),
        "Health "
            + scores.health()
            + " (stage "
            + health.stage()
            + ", model "
            + health.modelVersion()
            + ": "
            + factors
            + "), value "
            + scores.valueScore()
            + ", usage "
            + scores.usageScore()
            + ", intent "
            + scores.intentScore(),
        inputs);
  }
}
