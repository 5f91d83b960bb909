package io.expansion.playbook.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.expansion.playbook.engine.ModelResources;
import io.expansion.playbook.engine.ModelResources.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The BPMN processes, DMN decisions and forms the app deploys, read once from the same files the
 * deployer sends to the engine ({@link ModelResources}).
 */
@Component
public class DeployedModels {

  /**
   * A deployed model: its id, name, kind ({@code process}, {@code decision}, {@code form}), file.
   */
  public record Model(String id, String name, String kind, String file) {}

  private static final Pattern DECISION =
      Pattern.compile("<(?:\\w+:)?decision\\s+[^>]*?id=\"([^\"]+)\"(?:[^>]*?name=\"([^\"]*)\")?");

  private final List<Model> models = new ArrayList<>();
  private final List<ModelFile> files = new ArrayList<>();
  private final ObjectMapper json;

  public DeployedModels(ModelResources resources, ObjectMapper json) {
    this.json = json;
    for (ModelFile file : resources.models()) {
      files.add(file);
      if (file.name().endsWith(".bpmn")) {
        BpmnModelInstance model =
            Bpmn.readModelFromStream(new ByteArrayInputStream(file.content()));
        for (Process process : model.getModelElementsByType(Process.class)) {
          String name = process.getName() == null ? process.getId() : process.getName();
          models.add(new Model(process.getId(), name, "process", file.name()));
        }
      } else if (file.name().endsWith(".dmn")) {
        Matcher m = DECISION.matcher(new String(file.content(), StandardCharsets.UTF_8));
        while (m.find()) {
          models.add(
              new Model(
                  m.group(1),
                  m.group(2) == null ? m.group(1) : m.group(2),
                  "decision",
                  file.name()));
        }
      }
    }
    for (ModelFile file : resources.forms()) {
      files.add(file);
      JsonNode form = read(file);
      String id = form.path("id").asText(file.name());
      models.add(new Model(id, form.path("name").asText(id), "form", file.name()));
    }
    models.sort(Comparator.comparing(Model::kind).thenComparing(Model::id));
  }

  /** Every deployed process, decision and form, by kind and id. */
  public List<Model> all() {
    return List.copyOf(models);
  }

  /** The deployed processes. */
  public List<Model> processes() {
    return models.stream().filter(m -> m.kind().equals("process")).toList();
  }

  /** The model of one kind by id. */
  public Optional<Model> find(String kind, String id) {
    return models.stream().filter(m -> m.kind().equals(kind) && m.id().equals(id)).findFirst();
  }

  /** The file's content as text (BPMN/DMN XML, form JSON). */
  public String content(Model model) {
    return files.stream()
        .filter(f -> f.name().equals(model.file()))
        .findFirst()
        .map(f -> new String(f.content(), StandardCharsets.UTF_8))
        .orElseThrow();
  }

  /** The form's schema as form-js reads it. */
  public JsonNode form(Model model) {
    try {
      return json.readTree(content(model));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode read(ModelFile file) {
    try {
      return json.readTree(file.content());
    } catch (IOException e) {
      throw new IllegalStateException("Form " + file.name() + " is not valid JSON", e);
    }
  }
}
