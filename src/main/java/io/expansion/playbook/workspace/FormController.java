package io.expansion.playbook.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import io.expansion.playbook.web.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/forms}: the deployed Camunda forms; {@code GET /api/forms/{formId}}: one form's
 * schema, the same {@code forms/*.form} file Tasklist would render.
 */
@RestController
class FormController {

  private final DeployedModels models;

  FormController(DeployedModels models) {
    this.models = models;
  }

  @GetMapping("/api/forms")
  List<DeployedModels.Model> forms() {
    return models.all().stream().filter(m -> m.kind().equals("form")).toList();
  }

  @GetMapping("/api/forms/{formId}")
  JsonNode form(@PathVariable String formId) {
    return models
        .find("form", formId)
        .map(models::form)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "Unknown form '" + formId + "': GET /api/forms lists the deployed forms"));
  }
}
