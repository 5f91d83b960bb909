package io.expansion.playbook.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.response.Form;
import io.expansion.playbook.engine.EngineProperties;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The task's linked form as the cluster serves it to Tasklist ({@code GET
 * /v2/user-tasks/{key}/form}); its schema is JSON text.
 */
@Component
@ConditionalOnProperty(name = "expansion.engine.runtime", havingValue = EngineProperties.CAMUNDA)
class CamundaUserTaskForms implements UserTaskForms {

  private final CamundaClient client;
  private final ObjectMapper json;

  CamundaUserTaskForms(CamundaClient client, ObjectMapper json) {
    this.client = client;
    this.json = json;
  }

  @Override
  public Optional<JsonNode> form(long userTaskKey, String formId) {
    if (formId == null) {
      return Optional.empty();
    }
    Form form;
    try {
      form = client.newUserTaskGetFormRequest(userTaskKey).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        return Optional.empty();
      }
      throw CamundaUserTaskCommands.refusal(userTaskKey, "shown with its form", e);
    }
    return Optional.ofNullable(form).map(Form::getSchema).map(this::schema);
  }

  private JsonNode schema(Object schema) {
    try {
      return schema instanceof String text ? json.readTree(text) : json.valueToTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The cluster sent a form schema that is not JSON", e);
    }
  }
}
