package io.expansion.playbook.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.engine.ModelResources;
import io.expansion.playbook.engine.ModelResources.ModelFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The Camunda Forms linked from user tasks, by form id, with the rules the inbox enforces. */
@Component
public class FormCatalog {

  /** An input field of a form: its key, whether it is required and the allowed values, if any. */
  public record Field(String key, String label, boolean required, List<String> allowedValues) {}

  private final Map<String, JsonNode> forms = new HashMap<>();

  public FormCatalog(ModelResources resources, ObjectMapper json) {
    for (ModelFile file : resources.forms()) {
      try {
        JsonNode form = json.readTree(file.content());
        String id = form.path("id").asText(null);
        if (id == null) {
          throw new IllegalStateException("Form " + file.name() + " has no id");
        }
        forms.put(id, form);
      } catch (IOException e) {
        throw new IllegalStateException("Form " + file.name() + " is not valid JSON", e);
      }
    }
  }

  public Optional<JsonNode> form(String formId) {
    return Optional.ofNullable(formId).map(forms::get);
  }

  public List<Field> fields(String formId) {
    List<Field> fields = new ArrayList<>();
    form(formId).ifPresent(form -> collect(form.path("components"), fields));
    return fields;
  }

  private static void collect(JsonNode components, List<Field> into) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (component.has("components")) {
        collect(component.path("components"), into);
      }
      if (!component.hasNonNull("key") || isDisplayOnly(type, component)) {
        continue;
      }
      List<String> allowed = new ArrayList<>();
      for (JsonNode value : component.path("values")) {
        allowed.add(value.path("value").asText());
      }
      into.add(
          new Field(
              component.path("key").asText(),
              component.path("label").asText(component.path("key").asText()),
              component.path("validate").path("required").asBoolean(false),
              allowed));
    }
  }

  private static boolean isDisplayOnly(String type, JsonNode component) {
    return "text".equals(type) || component.path("readonly").asBoolean(false);
  }
}
