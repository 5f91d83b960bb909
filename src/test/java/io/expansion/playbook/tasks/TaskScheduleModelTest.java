package io.expansion.playbook.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every user task of every play says when it is due, when to follow up, and how urgent it is. */
class TaskScheduleModelTest {

  @Test
  void everyUserTaskOfEveryPlayHasADueDateAFollowUpDateAndAPriority() throws Exception {
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
          String where = file.getFileName() + "#" + task.getId();
          ZeebeTaskSchedule schedule = task.getSingleExtensionElement(ZeebeTaskSchedule.class);
          assertThat(schedule).as(where + " zeebe:taskSchedule").isNotNull();
          assertThat(schedule.getDueDate()).as(where + " dueDate").startsWith("=");
          assertThat(schedule.getFollowUpDate()).as(where + " followUpDate").startsWith("=");
          ZeebePriorityDefinition priority =
              task.getSingleExtensionElement(ZeebePriorityDefinition.class);
          assertThat(priority).as(where + " zeebe:priorityDefinition").isNotNull();
          assertThat(Integer.parseInt(priority.getPriority())).as(where).isBetween(0, 100);
          checked.add(where);
        }
      }
    }
    assertThat(checked).hasSize(12);
  }
}
