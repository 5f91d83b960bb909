package io.expansion.playbook.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.expansion.playbook.engine.ProcessModels;
import io.expansion.playbook.journeys.JourneyService;
import io.expansion.playbook.journeys.JourneyVariables;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * "creating" task listener of every user task: puts the task in the app's inbox (with the due date,
 * follow-up date and priority of the engine's user-task record) and checkpoints the journey at it.
 * Runs the same on a real cluster, where Tasklist shows the task as well.
 */
@Component
public class UserTaskCreatedWorker {

  static final String TYPE = "user-task-created";

  private final UserTasks tasks;
  private final JourneyService journeys;
  private final ProcessModels models;
  private final UserTaskCommands commands;
  private final Clock clock;
  private final ObjectMapper json;

  UserTaskCreatedWorker(
      UserTasks tasks,
      JourneyService journeys,
      ProcessModels models,
      UserTaskCommands commands,
      Clock clock,
      ObjectMapper json) {
    this.json = json;
    this.tasks = tasks;
    this.journeys = journeys;
    this.models = models;
    this.commands = commands;
    this.clock = clock;
  }

  /**
   * Completes its job itself, then marks the task ready: a task completed while the engine is still
   * creating it would be refused by the engine. A task re-created after a restart keeps the inbox's
   * assignee: when the engine's differs, the engine is told.
   */
  @JobWorker(type = TYPE, fetchAllVariables = true, autoComplete = false)
  public void created(ActivatedJob job, JobClient client) {
    TaskListenerJob userTask = TaskListenerJob.of(job, json);
    Map<String, Object> variables = job.getVariablesAsMap();
    var element = models.element(job.getBpmnProcessId(), job.getElementId());
    UserTasks.Stored stored =
        tasks.upsertCreated(
            new UserTasks.Created(
                userTask.userTaskKey(),
                String.valueOf(variables.get(JourneyVariables.JOURNEY_ID)),
                String.valueOf(variables.get(JourneyVariables.ACCOUNT_ID)),
                job.getBpmnProcessId(),
                job.getElementId(),
                element.map(ProcessModels.Element::name).orElse(job.getElementId()),
                element.map(ProcessModels.Element::formId).orElse(null),
                userTask.candidateGroups(),
                userTask.assignee(),
                userTask.dueDate(),
                userTask.followUpDate(),
                userTask.priority(),
                variables),
            OffsetDateTime.now(clock));
    journeys.checkpoint(job);
    client.newCompleteCommand(job).send().join();
    tasks.ready(userTask.userTaskKey());
    String kept = stored.task().assignee();
    if (!Objects.equals(kept, userTask.assignee())) {
      if (kept == null) {
        commands.unassign(userTask.userTaskKey());
      } else {
        commands.assign(userTask.userTaskKey(), kept, true);
      }
    }
  }
}
