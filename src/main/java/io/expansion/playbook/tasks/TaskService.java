package io.expansion.playbook.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.expansion.playbook.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** The inbox: open tasks, their forms, and completion with the form's validation rules. */
@Service
public class TaskService {

  private final UserTasks tasks;
  private final FormCatalog forms;
  private final UserTaskForms taskForms;
  private final UserTaskCommands commands;
  private final List<TaskCompletionGuard> guards;
  private final Clock clock;

  TaskService(
      UserTasks tasks,
      FormCatalog forms,
      UserTaskForms taskForms,
      UserTaskCommands commands,
      List<TaskCompletionGuard> guards,
      Clock clock) {
    this.tasks = tasks;
    this.forms = forms;
    this.taskForms = taskForms;
    this.commands = commands;
    this.guards = List.copyOf(guards);
    this.clock = clock;
  }

  public List<UserTask> open(String accountId, String candidateGroup, String assignee) {
    return tasks.open(accountId, candidateGroup, assignee);
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

  /**
   * Claims an open task for the assignee (or hands it over with {@code allowOverride}); on a real
   * cluster Tasklist shows the same assignee.
   */
  public UserTask assign(long id, String assignee, boolean allowOverride) {
    if (assignee == null || assignee.isBlank()) {
      throw ApiException.badRequest("Task " + id + ": 'assignee' is required");
    }
    UserTasks.Stored stored = actionable(id, "assign");
    commands.assign(stored.engineKey(), assignee.trim(), allowOverride);
    return task(id);
  }

  /** Returns an open task to its candidate groups. */
  public UserTask unassign(long id) {
    UserTasks.Stored stored = actionable(id, "unassign");
    commands.unassign(stored.engineKey());
    return task(id);
  }

  private UserTasks.Stored actionable(long id, String action) {
    UserTasks.Stored stored = stored(id);
    UserTask task = stored.task();
    if (!UserTask.OPEN.equals(task.status())) {
      throw ApiException.conflict(
          "Task " + id + " is already " + task.status().toLowerCase() + "; nothing to " + action);
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
   * stays open.
   */
  public UserTask complete(long id, Map<String, Object> variables) {
    UserTasks.Stored stored = stored(id);
    UserTask task = stored.task();
    if (!UserTask.OPEN.equals(task.status())) {
      throw ApiException.conflict(
          "Task " + id + " is already " + task.status().toLowerCase() + "; nothing to complete");
    }
    if (!task.ready()) {
      throw ApiException.conflict(
          "Task "
              + id
              + " is still being created or restored by the engine; try again in a moment");
    }
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
    return task(id);
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
