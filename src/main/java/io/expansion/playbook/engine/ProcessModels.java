package io.expansion.playbook.engine;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the app needs to know about the deployed BPMN: element names and the forms linked to user
 * tasks, by process id and element id. Filled by the deployer; models are validated on the way.
 */
public class ProcessModels {

  /** A flow element of a deployed process. */
  public record Element(String processId, String elementId, String name, String formId) {}

  private final Map<String, Element> elements = new ConcurrentHashMap<>();

  /**
   * Parses and validates a BPMN file.
   *
   * @throws InvalidModelException naming the file and the problem
   */
  public void register(String fileName, byte[] content) {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
      Bpmn.validateModel(model);
    } catch (RuntimeException e) {
      throw new InvalidModelException(
          fileName + " is not a valid BPMN model: " + e.getMessage(), e);
    }
    for (Process process : model.getModelElementsByType(Process.class)) {
      for (FlowElement element : process.getFlowElements()) {
        String formId = null;
        if (element instanceof UserTask task) {
          ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
          formId = form == null ? null : form.getFormId();
        }
        String name = element.getName() == null ? element.getId() : element.getName();
        elements.put(
            key(process.getId(), element.getId()),
            new Element(process.getId(), element.getId(), name, formId));
      }
    }
  }

  public Optional<Element> element(String processId, String elementId) {
    return Optional.ofNullable(elements.get(key(processId, elementId)));
  }

  /** The ids of the deployed processes, sorted. */
  public java.util.List<String> processIds() {
    return elements.values().stream().map(Element::processId).distinct().sorted().toList();
  }

  private static String key(String processId, String elementId) {
    return processId + "#" + elementId;
  }

  /** A model that cannot be deployed. */
  public static class InvalidModelException extends RuntimeException {
    public InvalidModelException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
