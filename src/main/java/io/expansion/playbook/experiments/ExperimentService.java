package io.expansion.playbook.experiments;

import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.experiments.Assignments.Assignment;
import io.expansion.playbook.offers.Catalog;
import io.expansion.playbook.offers.CatalogOffer;
import io.expansion.playbook.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Creates, lists, stops and assigns experiments: the Java API behind {@code /api/experiments}. */
@Service
public class ExperimentService {

  /**
   * An account's arm in one experiment.
   *
   * @param value what the arm changes at the step (null for the control)
   * @param firstExposure true when this call stored the assignment
   */
  public record Exposure(
      String experiment,
      String step,
      String arm,
      boolean control,
      String value,
      boolean firstExposure) {}

  private final Experiments experiments;
  private final Assignments assignments;
  private final GlobalHoldout holdout;
  private final Catalog catalog;
  private final DecisionLog decisions;
  private final JdbcClient jdbc;
  private final Clock clock;

  ExperimentService(
      Experiments experiments,
      Assignments assignments,
      GlobalHoldout holdout,
      Catalog catalog,
      DecisionLog decisions,
      JdbcClient jdbc,
      Clock clock) {
    this.experiments = experiments;
    this.assignments = assignments;
    this.holdout = holdout;
    this.catalog = catalog;
    this.decisions = decisions;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Stores a valid experiment; 400 naming every problem, 409 for a key already used. */
  public Experiment create(NewExperiment request) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime startsAt = request.startsAt() == null ? now : request.startsAt();
    if (request.key() != null && experiments.find(request.key()).isPresent()) {
      throw ApiException.conflict("Experiment '" + request.key() + "' already exists");
    }
    Set<String> offers =
        catalog.active().stream().map(CatalogOffer::code).collect(Collectors.toSet());
    List<String> problems =
        ExperimentValidator.problems(request, startsAt, offers, experiments.all());
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("Experiment refused: " + String.join("; ", problems));
    }
    Experiment experiment =
        new Experiment(
            request.key(),
            request.hypothesis(),
            request.play(),
            request.step(),
            request.key(),
            List.copyOf(request.arms()),
            request.primaryMetric() == null ? Metric.EXPANSION_MRR.code() : request.primaryMetric(),
            request.windowDays() == null ? 90 : request.windowDays(),
            request.guardrails() == null ? Metric.guardrailCodes() : request.guardrails(),
            startsAt,
            request.endsAt(),
            Experiment.RUNNING,
            now,
            decisions.currentActor().name(),
            null,
            null);
    try {
      experiments.insert(experiment);
    } catch (DuplicateKeyException e) {
      throw ApiException.conflict("Experiment '" + request.key() + "' already exists");
    }
    return experiment;
  }

  public List<Experiment> list() {
    return experiments.all();
  }

  public Optional<Experiment> find(String key) {
    return experiments.find(key);
  }

  public Experiment get(String key) {
    return find(key).orElseThrow(() -> ApiException.notFound("Unknown experiment '" + key + "'"));
  }

  /** Stops assignment now; 404 unknown, 409 when already stopped. */
  public Experiment stop(String key) {
    Experiment experiment = get(key);
    if (!experiments.stop(key, OffsetDateTime.now(clock), decisions.currentActor().name())) {
      throw ApiException.conflict(
          "Experiment '" + key + "' is already stopped (at " + experiment.stoppedAt() + ")");
    }
    return get(key);
  }

  /**
   * The account's arm in every experiment running now on the play: the stored one, or assigned and
   * stored at this first exposure. A held-out account is in no experiment (empty list).
   */
  public List<Exposure> assign(String accountId, String play, String journeyId) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Experiment> running =
        experiments.running(play).stream().filter(e -> e.active(now)).toList();
    if (running.isEmpty() || holdout.heldOut(accountId)) {
      return List.of();
    }
    List<Exposure> exposures = new ArrayList<>();
    for (Experiment e : running) {
      Optional<Assignment> stored = assignments.find(e.key(), accountId);
      Assignment assignment =
          stored.orElseGet(
              () -> {
                int bucket = Bucketing.bucket(e.salt(), accountId);
                return assignments.insertOrGet(
                    new Assignment(
                        e.key(),
                        accountId,
                        Bucketing.arm(e.arms(), bucket).name(),
                        bucket,
                        journeyId,
                        now,
                        ledgerMrr(accountId)));
              });
      Arm arm =
          e.arms().stream()
              .filter(a -> a.name().equals(assignment.arm()))
              .findFirst()
              .orElseThrow();
      exposures.add(
          new Exposure(
              e.key(), e.step(), arm.name(), arm.control(), arm.value(), stored.isEmpty()));
    }
    return exposures;
  }

  /** Exposed accounts per arm so far. */
  public Map<String, Long> exposedByArm(String key) {
    return assignments.countsByArm(key);
  }

  /** The account's MRR on the ledger now: 0 while churned (the CUPED covariate). */
  private BigDecimal ledgerMrr(String accountId) {
    return jdbc.sql(
            "SELECT CASE WHEN churned = TRUE THEN 0 ELSE mrr END FROM accounts WHERE id = ?")
        .param(accountId)
        .query(BigDecimal.class)
        .optional()
        .orElse(BigDecimal.ZERO);
  }
}
