package io.expansion.playbook.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The inbox: tasks by filter and order, their forms, assignment, and completion with the form's
 * validation rules.
 */
@Service
public class TaskService {

  private final UserTasks tasks;
  private final TaskSearch search;
  private final FormCatalog forms;
  private final UserTaskForms taskForms;
  private final UserTaskCommands commands;
  private final List<TaskCompletionGuard> guards;
  private final DecisionLog decisions;
  private final Clock clock;

  TaskService(
      UserTasks tasks,
      TaskSearch search,
      FormCatalog forms,
      UserTaskForms taskForms,
      UserTaskCommands commands,
      List<TaskCompletionGuard> guards,
      DecisionLog decisions,
      Clock clock) {
    this.tasks = tasks;
    this.search = search;
    this.forms = forms;
    this.taskForms = taskForms;
    this.commands = commands;
    this.guards = List.copyOf(guards);
    this.decisions = decisions;
    this.clock = clock;
  }

  public List<UserTask> open(String accountId, String candidateGroup, String assignee) {
    return search.open(accountId, candidateGroup, assignee);
  }

  /** Tasks matching a query (any state), in its order. */
  public List<UserTask> search(TaskQuery query) {
    return search.search(query);
  }

  /**
   * Claims or reassigns an open task. The same assignee again changes nothing; someone else's task
   * is only taken over with {@code allowOverride}.
   *
   * @param actor who asks (recorded with the decision), or {@code null}
   * @throws ApiException 400 without an assignee, 404 for an unknown task, 409 when the task is not
   *     open or not ready, or held by someone else without {@code allowOverride}
   */
  public UserTask assign(long id, String assignee, boolean allowOverride, String actor) {
    if (assignee == null || assignee.isBlank()) {
      throw ApiException.badRequest("Field 'assignee' is required (the user to assign)");
    }
    UserTasks.Stored stored = assignable(id);
    UserTask task = stored.task();
    if (assignee.equals(task.assignee())) {
      return task;
    }
    if (task.assignee() != null && !allowOverride) {
      throw ApiException.conflict(
          "Task "
              + id
              + " is assigned to "
              + task.assignee()
              + "; set allowOverride to reassign it to "
              + assignee);
    }
    if (!tasks.assign(id, task.assignee(), assignee)) {
      throw ApiException.conflict("Task " + id + " was assigned or closed concurrently");
    }
    try {
      commands.assign(stored.engineKey(), assignee, allowOverride);
    } catch (RuntimeException e) {
      tasks.assign(id, assignee, task.assignee());
      throw e;
    }
    record(task, task.assignee() == null ? "claimed" : "reassigned", assignee, actor);
    return task(id);
  }

  /**
   * Takes the assignee off an open task (nothing to do when it has none).
   *
   * @throws ApiException 404 for an unknown task, 409 when the task is not open or not ready
   */
  public UserTask unassign(long id, String actor) {
    UserTasks.Stored stored = assignable(id);
    UserTask task = stored.task();
    if (task.assignee() == null) {
      return task;
    }
    if (!tasks.assign(id, task.assignee(), null)) {
      throw ApiException.conflict("Task " + id + " was assigned or closed concurrently");
    }
    try {
      commands.unassign(stored.engineKey());
    } catch (RuntimeException e) {
      tasks.assign(id, null, task.assignee());
      throw e;
    }
    record(task, "unassigned", null, actor);
    return task(id);
  }

  private UserTasks.Stored assignable(long id) {
    return actionable(id, "it cannot be assigned");
  }

  private void record(UserTask task, String outcome, String assignee, String actor) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("taskId", task.id());
    inputs.put("elementId", task.elementId());
    inputs.put("previousAssignee", task.assignee());
    inputs.put("assignee", assignee);
    inputs.put("actor", actor);
    decisions.record(
        null,
        task.accountId(),
        task.journeyId(),
        "task-assignment",
        outcome,
        "Task "
            + task.id()
            + " ("
            + task.name()
            + ") "
            + outcome
            + (assignee == null ? "" : " to " + assignee)
            + (task.assignee() == null || assignee == null ? "" : ", was " + task.assignee())
            + (actor == null ? "" : " by " + actor),
        inputs);
  }

  public UserTask task(long id) {
    return stored(id).task();
  }

  public JsonNode form(long id) {
    UserTasks.Stored stored = stored(id);
    return taskForms
        .form(stored.engineKey(), stored.task().formId())
        .orElseThrow(() -> ApiException.notFound("Task " + id + " has no linked form"));
  }

  /** The task, when it is open and ready; else 409 ending with {@code consequence}. */
  private UserTasks.Stored actionable(long id, String consequence) {
    UserTasks.Stored stored = stored(id);
    UserTask task = stored.task();
    if (!UserTask.OPEN.equals(task.status())) {
      throw ApiException.conflict(
          "Task " + id + " is already " + task.status().toLowerCase() + "; " + consequence);
    }
    if (!task.ready()) {
      throw ApiException.conflict(
          "Task "
              + id
              + " is still being created or restored by the engine; try again in a moment");
    }
    return stored;
  }

  /**
   * Completes an open task with the CSM's answers. Required fields and choice values are checked
   * against the task's form first, then every {@link TaskCompletionGuard} (e.g. the offer
   * guardrails on an approver's adjusted discount); nothing is changed when they fail and the task
   * stays open. The completion is a decision (rule {@code task-completion}) by whoever completed
   * it.
   */
  public UserTask complete(long id, Map<String, Object> variables) {
    UserTasks.Stored stored = actionable(id, "nothing to complete");
    UserTask task = stored.task();
    Map<String, Object> answers = variables == null ? Map.of() : variables;
    validate(task, answers);
    guards.forEach(guard -> guard.check(task, answers));
    Map<String, Object> result = new LinkedHashMap<>();
    for (FormCatalog.Field field : forms.fields(task.formId())) {
      if (answers.containsKey(field.key())) {
        result.put(field.key(), answers.get(field.key()));
      }
    }
    if (!tasks.close(id, UserTask.COMPLETED, result, OffsetDateTime.now(clock))) {
      throw ApiException.conflict("Task " + id + " was completed concurrently");
    }
    try {
      commands.complete(stored.engineKey(), result);
    } catch (RuntimeException e) {
      tasks.reopen(id);
      throw e;
    }
    recordCompletion(task, result);
    return task(id);
  }

  private void recordCompletion(UserTask task, Map<String, Object> answers) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("taskId", task.id());
    inputs.put("elementId", task.elementId());
    inputs.put("formId", task.formId());
    inputs.put("candidateGroups", task.candidateGroups());
    inputs.put("assignee", task.assignee());
    inputs.put("answers", answers);
    decisions.record(
        "task:" + task.id() + ":completed",
        task.accountId(),
        task.journeyId(),
        "task-completion",
        "completed " + task.elementId(),
        "Task "
            + task.id()
            + " '"
            + task.name()
            + "' completed"
            + (answers.isEmpty() ? "" : " with " + answers),
        inputs);
  }

  private void validate(UserTask task, Map<String, Object> answers) {
    List<String> problems = new ArrayList<>();
    for (FormCatalog.Field field : forms.fields(task.formId())) {
      Object value = answers.get(field.key());
      boolean blank = value == null || (value instanceof String s && s.isBlank());
      if (field.required() && blank) {
        problems.add("required field '" + field.key() + "' (" + field.label() + ") is missing");
      } else if (!blank
          && !field.allowedValues().isEmpty()
          && !field.allowedValues().contains(String.valueOf(value))) {
        problems.add(
            "field '"
                + field.key()
                + "' must be one of "
                + field.allowedValues()
                + ", not "
                + value);
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("Task " + task.id() + ": " + String.join("; ", problems));
    }
  }

  private UserTasks.Stored stored(long id) {
    return tasks.find(id).orElseThrow(() -> ApiException.notFound("No task with id " + id));
  }
}
