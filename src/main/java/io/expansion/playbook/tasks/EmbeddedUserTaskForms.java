package io.expansion.playbook.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.expansion.playbook.engine.EngineProperties;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The embedded engine has no form API: the forms the app deployed, by form id. */
@Component
@ConditionalOnProperty(
    name = "expansion.engine.runtime",
    havingValue = EngineProperties.EMBEDDED,
    matchIfMissing = true)
class EmbeddedUserTaskForms implements UserTaskForms {

  private final FormCatalog forms;

  EmbeddedUserTaskForms(FormCatalog forms) {
    this.forms = forms;
  }

  @Override
  public Optional<JsonNode> form(long userTaskKey, String formId) {
    return forms.form(formId);
  }
}
