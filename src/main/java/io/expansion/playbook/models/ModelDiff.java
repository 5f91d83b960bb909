package io.expansion.playbook.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The elements added, removed and changed between two versions of one model: for BPMN each flow
 * element's type, name, job type, linked form, called decision, message and a flow's condition and
 * ends; for DMN each decision's name and content; for a form each component's type, label and key.
 */
final class ModelDiff {

  /** An element and the properties compared. */
  record Described(String id, Map<String, String> properties) {}

  /** One property's values in the two versions. */
  record Change(String from, String to) {}

  /** An element present in both versions whose properties differ. */
  record Changed(String id, String type, Map<String, Change> changes) {}

  record Result(
      String id,
      String kind,
      int from,
      int to,
      List<Described> added,
      List<Described> removed,
      List<Changed> changed) {}

  private ModelDiff() {}

  static Result between(ModelVersion from, ModelVersion to) {
    Map<String, Map<String, String>> before = describe(from);
    Map<String, Map<String, String>> after = describe(to);
    List<Described> added = new ArrayList<>();
    List<Described> removed = new ArrayList<>();
    List<Changed> changed = new ArrayList<>();
    after.forEach(
        (id, p) -> {
          if (!before.containsKey(id)) {
            added.add(new Described(id, p));
          }
        });
    before.forEach(
        (id, p) -> {
          Map<String, String> now = after.get(id);
          if (now == null) {
            removed.add(new Described(id, p));
            return;
          }
          Map<String, Change> changes = new LinkedHashMap<>();
          for (String key : new TreeSet<>(union(p.keySet(), now.keySet()))) {
            if (!Objects.equals(p.get(key), now.get(key))) {
              changes.put(key, new Change(p.get(key), now.get(key)));
            }
          }
          if (!changes.isEmpty()) {
            changed.add(new Changed(id, now.get("type"), changes));
          }
        });
    return new Result(
        to.resourceId(), to.kind(), from.version(), to.version(), added, removed, changed);
  }

  private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, Map<String, String>> describe(ModelVersion version) {
    byte[] content = version.content().getBytes(StandardCharsets.UTF_8);
    try {
      return switch (version.kind()) {
        case ModelVersion.BPMN -> bpmn(ModelFacts.bpmn(content));
        case ModelVersion.DMN -> dmn(content);
        default -> form(ModelFacts.form(content));
      };
    } catch (IOException e) {
      throw new UncheckedIOException("Stored version cannot be read", e);
    }
  }

  /** Process ids of the elements in a BPMN model (used by migration as well). */
  static Map<String, Map<String, String>> bpmn(BpmnModelInstance model) {
    Map<String, Map<String, String>> elements = new TreeMap<>();
    for (FlowElement e : model.getModelElementsByType(FlowElement.class)) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("type", e.getElementType().getTypeName());
      put(p, "name", e.getName());
      ZeebeTaskDefinition task = e.getSingleExtensionElement(ZeebeTaskDefinition.class);
      put(p, "taskType", task == null ? null : task.getType());
      if (e instanceof UserTask) {
        ZeebeFormDefinition form = e.getSingleExtensionElement(ZeebeFormDefinition.class);
        put(p, "form", form == null ? null : form.getFormId());
      }
      if (e instanceof BusinessRuleTask) {
        ZeebeCalledDecision d = e.getSingleExtensionElement(ZeebeCalledDecision.class);
        put(p, "calledDecision", d == null ? null : d.getDecisionId());
      }
      if (e instanceof ReceiveTask r && r.getMessage() != null) {
        put(p, "message", r.getMessage().getName());
      }
      if (e instanceof BoundaryEvent b && b.getAttachedTo() != null) {
        put(p, "attachedTo", b.getAttachedTo().getId());
      }
      if (e instanceof SequenceFlow flow) {
        ConditionExpression condition = flow.getConditionExpression();
        put(p, "condition", condition == null ? null : condition.getTextContent().trim());
        put(p, "source", flow.getSource().getId());
        put(p, "target", flow.getTarget().getId());
      }
      elements.put(e.getId(), p);
    }
    return elements;
  }

  private static Map<String, Map<String, String>> dmn(byte[] content) throws IOException {
    Map<String, Map<String, String>> decisions = new TreeMap<>();
    NodeList list = ModelFacts.xml(content).getElementsByTagNameNS("*", "decision");
    for (int i = 0; i < list.getLength(); i++) {
      Element d = (Element) list.item(i);
      Map<String, String> p = new LinkedHashMap<>();
      p.put("type", "decision");
      put(p, "name", d.getAttribute("name"));
      p.put("content", ModelVersions.hash(d.getTextContent().replaceAll("\\s+", " ")));
      decisions.put(d.getAttribute("id"), p);
    }
    return decisions;
  }

  private static Map<String, Map<String, String>> form(JsonNode form) {
    Map<String, Map<String, String>> components = new TreeMap<>();
    for (JsonNode c : form.path("components")) {
      Map<String, String> p = new LinkedHashMap<>();
      put(p, "type", c.path("type").textValue());
      put(p, "label", c.path("label").textValue());
      put(p, "key", c.path("key").textValue());
      components.put(c.path("id").asText(c.path("key").asText()), p);
    }
    return components;
  }

  private static void put(Map<String, String> p, String key, String value) {
    if (value != null && !value.isEmpty()) {
      p.put(key, value);
    }
  }
}
