package io.expansion.playbook.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.expansion.playbook.security.CurrentUser;
import io.expansion.playbook.security.SignedInUser;
import java.util.List;
import java.util.Map;
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
  private final CurrentUser currentUser;

  TaskController(TaskService tasks, CurrentUser currentUser) {
    this.tasks = tasks;
    this.currentUser = currentUser;
  }

  /** The answers a CSM gives when completing a task. */
  record Completion(Map<String, Object> variables) {}

  /** Open tasks; a CSM's list holds those assigned to them or offered to one of their groups. */
  @GetMapping("/api/tasks")
  List<UserTask> open(
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String candidateGroup,
      @RequestParam(required = false) String assignee) {
    SignedInUser user = currentUser.get();
    return tasks.open(accountId, candidateGroup, assignee).stream()
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
}
