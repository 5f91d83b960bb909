package io.expansion.playbook.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.expansion.playbook.engine.ProcessModels;
import io.expansion.playbook.security.CurrentUser;
import io.expansion.playbook.security.Role;
import io.expansion.playbook.security.SignedInUser;
import io.expansion.playbook.web.ApiException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The CSM inbox over REST, Tasklist-like: filters, sorting, claim and reassign, completion. */
@RestController
class TaskController {

  private final TaskService tasks;
  private final CurrentUser currentUser;
  private final ProcessModels models;

  TaskController(TaskService tasks, CurrentUser currentUser, ProcessModels models) {
    this.tasks = tasks;
    this.currentUser = currentUser;
    this.models = models;
  }

  /** The answers a CSM gives when completing a task. */
  record Completion(Map<String, Object> variables) {}

  /** Who should hold a task, and whether someone else's may be taken over. */
  record Assignment(String assignee, Boolean allowOverride) {}

  /**
   * Tasks (a CSM's list holds those assigned to them or offered to one of their groups) by {@code
   * accountId}, {@code assignee}, {@code candidateGroup}, {@code state} ({@code open} by default,
   * {@code completed}, {@code canceled}), {@code processId}, {@code dueBefore} / {@code dueAfter},
   * sorted by {@code sort} ({@code dueDate}, {@code priority}, {@code createdAt}; {@code
   * sort=dueDate,desc} or {@code sort=dueDate&order=desc}).
   */
  @GetMapping("/api/tasks")
  List<UserTask> search(
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String candidateGroup,
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String processId,
      @RequestParam(required = false) String dueBefore,
      @RequestParam(required = false) String dueAfter,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String order,
      @RequestParam(required = false) Integer limit) {
    SignedInUser user = currentUser.get();
    return tasks
        .search(
            TaskQuery.parse(
                accountId,
                assignee,
                candidateGroup,
                state,
                processId,
                dueBefore,
                dueAfter,
                sort,
                order,
                limit,
                models.processIds()))
        .stream()
        .filter(t -> user.maySeeTask(t.candidateGroups(), t.assignee()))
        .toList();
  }

  @GetMapping("/api/tasks/{id}")
  UserTask task(@PathVariable long id) {
    return tasks.task(id);
  }

  @GetMapping("/api/tasks/{id}/form")
  JsonNode form(@PathVariable long id) {
    return tasks.form(id);
  }

  @PostMapping("/api/tasks/{id}/complete")
  UserTask complete(@PathVariable long id, @RequestBody(required = false) Completion completion) {
    return tasks.complete(id, completion == null ? Map.of() : completion.variables());
  }

  @PostMapping("/api/tasks/{id}/assignment")
  UserTask assign(
      @PathVariable long id,
      @RequestBody(required = false) Assignment assignment,
      Principal principal) {
    String assignee = assignment == null ? null : assignment.assignee();
    boolean override = assignment != null && Boolean.TRUE.equals(assignment.allowOverride());
    SignedInUser user = currentUser.get();
    if (!user.has(Role.MANAGER)
        && (override || (assignee != null && !user.username().equals(assignee)))) {
      throw ApiException.forbidden(
          "Only a manager reassigns tasks or takes over another's; "
              + user.username()
              + " may claim a task for themselves only");
    }
    return tasks.assign(id, assignee, override, principal == null ? null : principal.getName());
  }

  @DeleteMapping("/api/tasks/{id}/assignee")
  UserTask unassign(@PathVariable long id, Principal principal) {
    return tasks.unassign(id, principal == null ? null : principal.getName());
  }
}
