package io.expansion.playbook.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.expansion.playbook.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The CSM inbox over REST. */
@RestController
class TaskController {

  private final TaskService tasks;

  TaskController(TaskService tasks) {
    this.tasks = tasks;
  }

  /** The answers a CSM gives when completing a task. */
  record Completion(Map<String, Object> variables) {}

  /** Who takes a task; {@code allowOverride} reassigns one someone else holds. */
  record Assignment(String assignee, Boolean allowOverride) {}

  @GetMapping("/api/tasks")
  List<UserTask> open(
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String candidateGroup,
      @RequestParam(required = false) String assignee) {
    return tasks.open(accountId, candidateGroup, assignee);
  }

  @GetMapping("/api/tasks/{id}")
  UserTask task(@PathVariable long id) {
    return tasks.task(id);
  }

  @GetMapping("/api/tasks/{id}/form")
  JsonNode form(@PathVariable long id) {
    return tasks.form(id);
  }

  @PostMapping("/api/tasks/{id}/assignment")
  UserTask assign(@PathVariable long id, @RequestBody(required = false) Assignment assignment) {
    if (assignment == null) {
      throw ApiException.badRequest("Request body is required: {\"assignee\": \"…\"}");
    }
    return tasks.assign(id, assignment.assignee(), Boolean.TRUE.equals(assignment.allowOverride()));
  }

  @DeleteMapping("/api/tasks/{id}/assignee")
  UserTask unassign(@PathVariable long id) {
    return tasks.unassign(id);
  }

  @PostMapping("/api/tasks/{id}/complete")
  UserTask complete(@PathVariable long id, @RequestBody(required = false) Completion completion) {
    return tasks.complete(id, completion == null ? Map.of() : completion.variables());
  }
}
