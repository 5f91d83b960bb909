package io.expansion.playbook.models;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.expansion.playbook.engine.ModelResources.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks files before anything is deployed: well-formed XML or JSON with unique ids, the BPMN model
 * API's parse and validation, and the project's checks ({@link BpmnChecks}). Links (forms, called
 * decisions) may point into the same upload or to what is already deployed. The engine's own checks
 * follow at deployment, which it takes all or none.
 */
@Component
class ModelValidator {

  private final JobWorkerTypes workerTypes;
  private final PublishedMessages messages;
  private final ModelVersions versions;

  ModelValidator(JobWorkerTypes workerTypes, PublishedMessages messages, ModelVersions versions) {
    this.workerTypes = workerTypes;
    this.messages = messages;
    this.versions = versions;
  }

  List<ModelProblem> validate(List<ModelFile> files) {
    List<ModelProblem> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> forms = new HashSet<>();
    Set<String> decisions = new HashSet<>();
    Map<String, Document> xml = new HashMap<>();
    for (ModelFile file : files) {
      if (!names.add(file.name())) {
        problems.add(new ModelProblem(file.name(), null, "the upload holds this file twice"));
      }
      String kind = ModelVersion.kindOf(file.name());
      if (kind == null) {
        problems.add(new ModelProblem(file.name(), null, "not a .bpmn, .dmn or .form file"));
      } else if (ModelVersion.FORM.equals(kind)) {
        form(file, problems, forms);
      } else {
        try {
          Document document = ModelFacts.xml(file.content());
          xml.put(file.name(), document);
          uniqueIds(file.name(), document, problems);
          if (ModelVersion.DMN.equals(kind)) {
            decisions.addAll(ModelFacts.decisionIds(document));
          }
        } catch (IOException e) {
          problems.add(
              new ModelProblem(file.name(), null, "not well-formed XML: " + e.getMessage()));
        }
      }
    }
    for (ModelFile file : files) {
      if (file.name().endsWith(".bpmn") && xml.containsKey(file.name())) {
        bpmn(file, forms, decisions, problems);
      }
    }
    return problems;
  }

  private void bpmn(
      ModelFile file, Set<String> forms, Set<String> decisions, List<ModelProblem> problems) {
    BpmnModelInstance model;
    try {
      model = ModelFacts.bpmn(file.content());
      Bpmn.validateModel(model);
    } catch (RuntimeException e) {
      problems.add(
          new ModelProblem(file.name(), null, "not a valid BPMN model: " + e.getMessage()));
      return;
    }
    new BpmnChecks(file.name(), problems)
        .check(
            model,
            workerTypes.types(),
            id -> forms.contains(id) || versions.latest(ModelVersion.FORM, id).isPresent(),
            id -> decisions.contains(id) || deployedDecision(id),
            messages);
  }

  private boolean deployedDecision(String decisionId) {
    for (ModelVersion dmn : versions.latestOfEach()) {
      if (ModelVersion.DMN.equals(dmn.kind())) {
        try {
          Document document = ModelFacts.xml(dmn.content().getBytes(StandardCharsets.UTF_8));
          if (ModelFacts.decisionIds(document).contains(decisionId)) {
            return true;
          }
        } catch (IOException e) {
          // a stored version was valid when deployed; an unreadable one links nothing
        }
      }
    }
    return false;
  }

  private static void form(ModelFile file, List<ModelProblem> problems, Set<String> forms) {
    try {
      String id = ModelFacts.form(file.content()).path("id").textValue();
      if (id == null || id.isBlank()) {
        problems.add(new ModelProblem(file.name(), null, "the form has no \"id\""));
      } else {
        forms.add(id);
      }
    } catch (IOException e) {
      problems.add(new ModelProblem(file.name(), null, "not valid JSON: " + e.getMessage()));
    }
  }

  private static void uniqueIds(String file, Document document, List<ModelProblem> problems) {
    Map<String, Integer> counts = new HashMap<>();
    NodeList all = document.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      String id = ((Element) all.item(i)).getAttribute("id");
      if (!id.isEmpty()) {
        counts.merge(id, 1, Integer::sum);
      }
    }
    counts.forEach(
        (id, n) -> {
          if (n > 1) {
            problems.add(new ModelProblem(file, id, "id used by " + n + " elements"));
          }
        });
  }
}
