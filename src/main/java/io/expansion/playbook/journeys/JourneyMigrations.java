package io.expansion.playbook.journeys;

import io.expansion.playbook.decisions.DecisionLog;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Moves the active journeys of one process version to another ({@link MigrationPlanner} says which
 * can). The dry run only lists; the real run moves each journey it can, records a decision row per
 * move or failure, and a journey whose move fails runs on where it was.
 */
@Service
public class JourneyMigrations {

  private static final String RULE = "journey-migration";

  /** {@code POST /api/journeys/migrations}. */
  public record Request(
      String processId,
      Integer fromVersion,
      Integer toVersion,
      Map<String, String> mappings,
      boolean dryRun) {}

  /** A journey that moves (or would). */
  public record Move(String journeyId, String accountId, String fromElement, String toElement) {}

  /** A journey that cannot move, or whose move failed, and why. */
  public record Refusal(String journeyId, String accountId, String element, String reason) {}

  /** For a dry run, {@code moved} lists the journeys that would move. */
  public record Report(
      String processId,
      int fromVersion,
      int toVersion,
      boolean dryRun,
      List<Move> moved,
      List<Refusal> cannotMove,
      List<Refusal> failed) {}

  private final MigrationPlanner planner;
  private final Journeys journeys;
  private final JourneyService service;
  private final InstanceMover mover;
  private final DecisionLog decisions;
  private final Clock clock;

  JourneyMigrations(
      MigrationPlanner planner,
      Journeys journeys,
      JourneyService service,
      InstanceMover mover,
      DecisionLog decisions,
      Clock clock) {
    this.planner = planner;
    this.journeys = journeys;
    this.service = service;
    this.mover = mover;
    this.decisions = decisions;
    this.clock = clock;
  }

  public synchronized Report migrate(Request request) {
    MigrationPlanner.Plan plan = planner.plan(request);
    int from = request.fromVersion();
    int to = request.toVersion();
    if (request.dryRun()) {
      return new Report(
          request.processId(), from, to, true, plan.moves(), plan.cannotMove(), List.of());
    }
    List<Move> moved = new ArrayList<>();
    List<Refusal> failed = new ArrayList<>();
    for (int i = 0; i < plan.moves().size(); i++) {
      Move move = plan.moves().get(i);
      Journey journey = plan.journeys().get(i);
      Map<String, Object> inputs = new LinkedHashMap<>();
      inputs.put("processId", request.processId());
      inputs.put("fromVersion", from);
      inputs.put("toVersion", to);
      inputs.put("fromElement", move.fromElement());
      inputs.put("toElement", move.toElement());
      String rationale =
          String.format(
              "%s v%d %s → v%d %s",
              request.processId(), from, move.fromElement(), to, move.toElement());
      try {
        long instance =
            mover.move(
                journey,
                plan.sourceKey(),
                plan.targetKey(),
                move.fromElement(),
                move.toElement(),
                service.variablesOf(journey));
        OffsetDateTime now = OffsetDateTime.now(clock);
        journeys.attachInstance(journey.id(), instance, to, now);
        journeys.migrated(journey.id(), to, move.toElement(), now);
        moved.add(move);
        record(journey, "MOVED", rationale, inputs);
      } catch (InstanceMover.MoveFailedException e) {
        journeys.attachInstance(journey.id(), e.instanceKey(), from, OffsetDateTime.now(clock));
        failed.add(
            new Refusal(journey.id(), journey.accountId(), move.fromElement(), e.getMessage()));
        inputs.put("error", String.valueOf(e.getMessage()));
        record(
            journey,
            "FAILED",
            rationale + " failed; the journey stays at " + move.fromElement(),
            inputs);
      } catch (RuntimeException e) {
        // Not even re-created where it was: the row stays active, resumed at the next start.
        failed.add(
            new Refusal(journey.id(), journey.accountId(), move.fromElement(), e.getMessage()));
        inputs.put("error", String.valueOf(e.getMessage()));
        record(
            journey,
            "FAILED",
            rationale + " failed; the journey resumes at " + move.fromElement() + " on restart",
            inputs);
      }
    }
    return new Report(request.processId(), from, to, false, moved, plan.cannotMove(), failed);
  }

  private void record(Journey journey, String outcome, String rationale, Map<String, ?> inputs) {
    decisions.record(null, journey.accountId(), journey.id(), RULE, outcome, rationale, inputs);
  }
}
