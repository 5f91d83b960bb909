package io.expansion.playbook.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * Claiming, handing over and returning an inbox task on the embedded runtime (where the inbox is
 * the task list), over {@code POST /api/tasks/{id}/assignment} and {@code DELETE
 * /api/tasks/{id}/assignee}; the {@code camunda} runtime's side is in {@code
 * CamundaRuntimeContractTest}.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class InboxAssignmentTest extends JourneyTestBase {

  private final TestRestTemplate http;

  InboxAssignmentTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("manager", "demo");
  }

  @Test
  void aTaskIsClaimedHandedOverReturnedAndRefusedOnceDone() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    signal(account, "intent", Map.of("topic", "pricing_page"));
    UserTask task = awaitTask(account, ExpansionJourney.CSM_OUTREACH);
    String owner = task.assignee();
    assertThat(owner).as("assigned to the account's owner by the model").isNotBlank();

    ResponseEntity<String> taken = assign(task.id(), Map.of("assignee", "csm-99"));
    assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(taken.getBody()).contains("assigned to " + owner).contains("allowOverride");
    assertThat(tasks.task(task.id()).assignee()).isEqualTo(owner);

    assertThat(
            assign(task.id(), Map.of("assignee", "csm-99", "allowOverride", true)).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(tasks.task(task.id()).assignee()).isEqualTo("csm-99");
    assertThat(assign(task.id(), Map.of("assignee", "csm-99")).getStatusCode())
        .as("claiming one's own task again")
        .isEqualTo(HttpStatus.OK);

    ResponseEntity<String> returned =
        http.exchange(
            "/api/tasks/" + task.id() + "/assignee", HttpMethod.DELETE, null, String.class);
    assertThat(returned.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasks.task(task.id()).assignee()).isNull();
    assertThat(tasks.open(account, null, null)).extracting(UserTask::id).contains(task.id());

    assertThat(assign(task.id(), Map.of("assignee", "csm-42")).getStatusCode())
        .as("an unassigned task needs no override")
        .isEqualTo(HttpStatus.OK);
    assertThat(tasks.open(account, null, "csm-42")).extracting(UserTask::id).contains(task.id());

    assertThat(assign(task.id(), Map.of()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(assign(999_999_999L, Map.of("assignee", "csm-42")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    tasks.complete(task.id(), Map.of("outreachResult", "interested"));
    ResponseEntity<String> late = assign(task.id(), Map.of("assignee", "csm-01"));
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(late.getBody()).contains("completed");
  }

  private ResponseEntity<String> assign(long id, Map<String, Object> body) {
    return http.postForEntity("/api/tasks/" + id + "/assignment", body, String.class);
  }
}
