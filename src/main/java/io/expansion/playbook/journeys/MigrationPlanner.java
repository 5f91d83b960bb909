package io.expansion.playbook.journeys;

import io.expansion.playbook.journeys.JourneyMigrations.Move;
import io.expansion.playbook.journeys.JourneyMigrations.Refusal;
import io.expansion.playbook.journeys.JourneyMigrations.Request;
import io.expansion.playbook.models.ModelVersion;
import io.expansion.playbook.models.ModelVersions;
import io.expansion.playbook.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which active journeys of the source version can move and where to: a journey waiting at an
 * element moves to the element the mappings name, or to the element with the same id in the target
 * version; one whose element has neither, or that is busy between steps, cannot.
 */
@Component
class MigrationPlanner {

  /** The journeys that move (with their rows) and those that cannot. */
  record Plan(
      long sourceKey,
      long targetKey,
      List<Move> moves,
      List<Journey> journeys,
      List<Refusal> cannotMove) {}

  private final Journeys journeys;
  private final ModelVersions versions;

  MigrationPlanner(Journeys journeys, ModelVersions versions) {
    this.journeys = journeys;
    this.versions = versions;
  }

  Plan plan(Request request) {
    String process = request.processId();
    if (process == null || request.fromVersion() == null || request.toVersion() == null) {
      throw ApiException.badRequest("processId, fromVersion and toVersion are required");
    }
    if (request.fromVersion().equals(request.toVersion())) {
      throw ApiException.badRequest("fromVersion and toVersion are the same version");
    }
    Set<String> source = elements(process, request.fromVersion());
    Set<String> target = elements(process, request.toVersion());
    Map<String, String> mappings = request.mappings() == null ? Map.of() : request.mappings();
    mappings.forEach(
        (from, to) -> {
          if (!source.contains(from) || !target.contains(to)) {
            throw ApiException.badRequest(
                String.format(
                    "Mapping %s → %s: version %d has no element %s",
                    from,
                    to,
                    source.contains(from) ? request.toVersion() : request.fromVersion(),
                    source.contains(from) ? to : from));
          }
        });
    long sourceKey = deployedKey(process, request.fromVersion());
    long targetKey = deployedKey(process, request.toVersion());
    List<Move> moves = new ArrayList<>();
    List<Journey> moving = new ArrayList<>();
    List<Refusal> cannot = new ArrayList<>();
    for (Journey j : journeys.activeOn(process, request.fromVersion())) {
      String element = j.checkpointElement();
      String to = element == null ? null : mappings.getOrDefault(element, element);
      if (element == null || !element.equals(j.currentElement())) {
        cannot.add(refusal(j, j.currentElement(), "busy between steps, not waiting at one"));
      } else if (!target.contains(to)) {
        cannot.add(
            refusal(
                j,
                element,
                String.format(
                    "no mapping for %s, and version %d has no element with that id",
                    element, request.toVersion())));
      } else {
        moves.add(new Move(j.id(), j.accountId(), element, to));
        moving.add(j);
      }
    }
    return new Plan(sourceKey, targetKey, moves, moving, cannot);
  }

  private static Refusal refusal(Journey j, String element, String reason) {
    return new Refusal(j.id(), j.accountId(), element, reason);
  }

  private long deployedKey(String processId, int version) {
    return versions
        .engineKey(processId, version)
        .orElseThrow(
            () ->
                ApiException.conflict(
                    String.format(
                        "Version %d of %s is not deployed in the running engine",
                        version, processId)));
  }

  private Set<String> elements(String processId, int version) {
    return versions
        .find(ModelVersion.BPMN, processId, version)
        .orElseThrow(
            () -> ApiException.notFound("Process " + processId + " has no version " + version))
        .elementIds();
  }
}
