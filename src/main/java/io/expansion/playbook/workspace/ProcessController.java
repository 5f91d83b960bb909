package io.expansion.playbook.workspace;

import io.expansion.playbook.journeys.ElementStatistics;
import io.expansion.playbook.journeys.ElementStatisticsSource;
import io.expansion.playbook.journeys.JourneyQueries;
import io.expansion.playbook.journeys.JourneyView;
import io.expansion.playbook.web.ApiException;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The deployed processes for the heatmap: {@code GET /api/processes} (processes, decisions and
 * forms), {@code /api/processes/{processId}/xml} (the BPMN), {@code .../statistics} (per-element
 * counts, shaped like Camunda's element-instance statistics) and {@code
 * .../elements/{elementId}/journeys} (the journeys standing at an element).
 */
@RestController
class ProcessController {

  private final DeployedModels models;
  private final ElementStatisticsSource statistics;
  private final JourneyQueries journeys;

  ProcessController(
      DeployedModels models, ElementStatisticsSource statistics, JourneyQueries journeys) {
    this.models = models;
    this.statistics = statistics;
    this.journeys = journeys;
  }

  @GetMapping("/api/processes")
  List<DeployedModels.Model> processes() {
    return models.all();
  }

  @GetMapping("/api/processes/{processId}/xml")
  ResponseEntity<String> xml(@PathVariable String processId) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_XML)
        .body(models.content(process(processId)));
  }

  /** One entry per element with instances, sorted by element id; {@code version} null = latest. */
  @GetMapping("/api/processes/{processId}/statistics")
  List<ElementStatistics> statistics(
      @PathVariable String processId, @RequestParam(required = false) Integer version) {
    process(processId);
    if (version != null && version < 1) {
      throw ApiException.badRequest("version must be 1 or more, not " + version);
    }
    return statistics.statistics(processId, version).stream()
        .sorted(Comparator.comparing(ElementStatistics::elementId))
        .toList();
  }

  @GetMapping("/api/processes/{processId}/elements/{elementId}/journeys")
  List<JourneyView> journeysAt(
      @PathVariable String processId,
      @PathVariable String elementId,
      @RequestParam(defaultValue = "50") int limit) {
    process(processId);
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("limit must be between 1 and 500, not " + limit);
    }
    return journeys.atElement(processId, elementId, limit);
  }

  private DeployedModels.Model process(String processId) {
    return models
        .find("process", processId)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "Unknown process '"
                        + processId
                        + "': deployed are "
                        + models.processes().stream().map(DeployedModels.Model::id).toList()));
  }
}
