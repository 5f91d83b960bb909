package io.expansion.playbook.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.scoring.HealthHistory.HealthScore;
import io.expansion.playbook.web.ApiException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Health history, rescoring, calibration and score-card versions. */
@RestController
class ScoringController {

  private final HealthScores healthScores;
  private final Calibrations calibrations;
  private final ModelRegistry registry;
  private final ScoringModels models;
  private final Accounts accounts;
  private final ObjectMapper json;

  ScoringController(
      HealthScores healthScores,
      Calibrations calibrations,
      ModelRegistry registry,
      ScoringModels models,
      Accounts accounts,
      ObjectMapper json) {
    this.healthScores = healthScores;
    this.calibrations = calibrations;
    this.registry = registry;
    this.models = models;
    this.accounts = accounts;
    this.json = json;
  }

  /** A score-card version (the definition only when asked for one version). */
  record ModelView(
      String version,
      String kind,
      OffsetDateTime createdAt,
      boolean active,
      JsonNode metrics,
      JsonNode definition) {}

  /** The result of a calibration. */
  record CalibrationView(String version, boolean active, Calibrator.Metrics metrics) {}

  @GetMapping("/api/accounts/{id}/health-history")
  List<HealthScore> history(@PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
    requireAccount(id);
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("limit must be between 1 and 500");
    }
    return healthScores.history(id, limit);
  }

  @PostMapping("/api/accounts/{id}/health-scores")
  HealthScore rescore(@PathVariable String id) {
    requireAccount(id);
    healthScores.rescore(id, "api", null);
    return healthScores.history(id, 1).get(0);
  }

  @PostMapping("/api/scoring/calibrations")
  CalibrationView calibrate(
      @RequestParam(defaultValue = "auto") String type,
      @RequestParam(defaultValue = "false") boolean activate) {
    if (!ModelTraining.TYPES.contains(type)) {
      throw ApiException.badRequest(
          "Unknown model type '"
              + type
              + "': expected one of "
              + String.join(", ", ModelTraining.TYPES));
    }
    try {
      Calibrations.Calibrated c = calibrations.calibrate(type, activate);
      return new CalibrationView(c.version(), c.active(), c.metrics());
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }
  }

  @GetMapping("/api/scoring/models")
  List<ModelView> models() {
    registry.active();
    return models.list().stream().map(r -> view(r, false)).toList();
  }

  @GetMapping("/api/scoring/models/{version}")
  ModelView model(@PathVariable String version) {
    registry.active();
    return models
        .find(version)
        .map(r -> view(r, true))
        .orElseThrow(() -> ApiException.notFound("Unknown scoring model '" + version + "'"));
  }

  @PostMapping("/api/scoring/models/{version}/activate")
  ModelView activate(@PathVariable String version) {
    return registry
        .activate(version)
        .map(r -> view(r, false))
        .orElseThrow(() -> ApiException.notFound("Unknown scoring model '" + version + "'"));
  }

  private void requireAccount(String id) {
    if (!accounts.exists(id)) {
      throw ApiException.notFound("Unknown account '" + id + "'");
    }
  }

  private ModelView view(ScoringModels.Row row, boolean withDefinition) {
    return new ModelView(
        row.version(),
        row.kind(),
        row.createdAt(),
        row.active(),
        tree(row.metrics()),
        withDefinition ? tree(row.definition()) : null);
  }

  private JsonNode tree(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(text);
    }
  }
}
