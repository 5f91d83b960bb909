package io.expansion.playbook.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/**
 * "canceling" task listener: a task interrupted by a timer (an SLA) or by the journey ending leaves
 * the inbox.
 */
@Component
public class UserTaskCanceledWorker {

  static final String TYPE = "user-task-canceled";

  private final UserTasks tasks;
  private final Clock clock;
  private final ObjectMapper json;

  UserTaskCanceledWorker(UserTasks tasks, Clock clock, ObjectMapper json) {
    this.json = json;
    this.tasks = tasks;
    this.clock = clock;
  }

  @JobWorker(
      type = TYPE,
      fetchVariables = {"journeyId"})
  public void canceled(ActivatedJob job) {
    tasks.cancelByEngineKey(TaskListenerJob.of(job, json).userTaskKey(), OffsetDateTime.now(clock));
  }
}
