package io.expansion.playbook.models;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The project's checks of a parsed BPMN model: every job type has a worker, linked forms and called
 * decisions exist, receive events wait for messages the app publishes, user tasks have candidate
 * groups, one process per file and readable element ids.
 */
final class BpmnChecks {

  /** Ids Camunda Modeler generates ({@code Activity_0s5bpcd}, {@code StartEvent_1}). */
  private static final Pattern GENERATED =
      Pattern.compile("^[A-Za-z]+_(\\d+|(?=[0-9a-z]*\\d)[0-9a-z]{7})$");

  private static final Pattern READABLE = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]*$");

  private final String file;
  private final List<ModelProblem> problems;

  BpmnChecks(String file, List<ModelProblem> problems) {
    this.file = file;
    this.problems = problems;
  }

  void check(
      BpmnModelInstance model,
      Set<String> workerTypes,
      Predicate<String> formExists,
      Predicate<String> decisionExists,
      PublishedMessages messages) {
    var processes = model.getModelElementsByType(Process.class);
    if (processes.size() != 1) {
      problem(null, "a file must hold exactly one process, this one holds " + processes.size());
    }
    for (Process process : processes) {
      readable(process.getId());
      for (FlowElement element : process.getFlowElements()) {
        readable(element.getId());
      }
    }
    model
        .getModelElementsByType(ZeebeTaskDefinition.class)
        .forEach(t -> jobType(t, t.getType(), "task type", workerTypes));
    model
        .getModelElementsByType(ZeebeExecutionListener.class)
        .forEach(t -> jobType(t, t.getType(), "execution listener type", workerTypes));
    model
        .getModelElementsByType(ZeebeTaskListener.class)
        .forEach(t -> jobType(t, t.getType(), "task listener type", workerTypes));
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      ZeebeAssignmentDefinition assignment =
          task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
      if (assignment == null || blank(assignment.getCandidateGroups())) {
        problem(task.getId(), "user task has no candidate groups");
      }
      ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
      if (form != null && !blank(form.getFormId()) && !formExists.test(form.getFormId())) {
        problem(
            task.getId(),
            "linked form '" + form.getFormId() + "' is neither in the upload nor deployed");
      }
    }
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      ZeebeCalledDecision called = task.getSingleExtensionElement(ZeebeCalledDecision.class);
      if (called != null
          && !expression(called.getDecisionId())
          && !decisionExists.test(called.getDecisionId())) {
        problem(
            task.getId(),
            "called decision '"
                + called.getDecisionId()
                + "' is neither in the upload nor deployed");
      }
    }
    for (CatchEvent event : model.getModelElementsByType(CatchEvent.class)) {
      for (var definition : event.getEventDefinitions()) {
        if (definition instanceof MessageEventDefinition m) {
          message(event.getId(), m.getMessage(), messages);
        }
      }
    }
    for (ReceiveTask task : model.getModelElementsByType(ReceiveTask.class)) {
      message(task.getId(), task.getMessage(), messages);
    }
  }

  private void message(String elementId, Message message, PublishedMessages messages) {
    if (message == null || blank(message.getName())) {
      problem(elementId, "waits for a message without a name");
    } else if (!expression(message.getName()) && !messages.published(message.getName())) {
      problem(
          elementId,
          "waits for message '"
              + message.getName()
              + "', which the app never publishes (it publishes "
              + messages.describe()
              + ")");
    }
  }

  private void jobType(
      ModelElementInstance extension, String type, String what, Set<String> workerTypes) {
    if (blank(type)) {
      problem(owner(extension), what + " is empty");
    } else if (!expression(type) && !workerTypes.contains(type)) {
      problem(owner(extension), what + " '" + type + "' has no job worker in the app");
    }
  }

  private void readable(String id) {
    if (id == null || !READABLE.matcher(id).matches() || GENERATED.matcher(id).matches()) {
      problem(id, "id is not readable (name it like Task_CheckConsent)");
    }
  }

  private static String owner(ModelElementInstance element) {
    for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
      if (e instanceof FlowElement || e instanceof Process) {
        return ((BaseElement) e).getId();
      }
    }
    return null;
  }

  private static boolean expression(String value) {
    return value != null && value.startsWith("=");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private void problem(String element, String problem) {
    problems.add(new ModelProblem(file, element, problem));
  }
}
