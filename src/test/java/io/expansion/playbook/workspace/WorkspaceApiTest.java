package io.expansion.playbook.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import io.expansion.playbook.tasks.UserTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * The workspace's endpoints on the real app: the form file as form-js reads it, the deployed BPMN,
 * the heatmap's element statistics from the app's records, the journeys at an element, and the page
 * shell for every page URL.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class WorkspaceApiTest extends JourneyTestBase {

  private final TestRestTemplate leader;
  private final TestRestTemplate csm;
  private final ObjectMapper json = new ObjectMapper();

  WorkspaceApiTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.leader = http.withBasicAuth("leader", "demo");
    this.csm = http.withBasicAuth("csm-01", "demo");
  }

  @Test
  void formsAreTheDeployedFormFiles() throws Exception {
    ResponseEntity<String> form = csm.getForEntity("/api/forms/approve-discount", String.class);
    assertThat(form.getStatusCode().value()).isEqualTo(200);
    assertThat(json.readTree(form.getBody()))
        .isEqualTo(json.readTree(Files.readString(Path.of("forms/approve-discount.form"))));
    JsonNode list = json.readTree(csm.getForEntity("/api/forms", String.class).getBody());
    assertThat(list.findValuesAsText("id")).contains("csm-outreach", "prove-value");
    ResponseEntity<String> missing = csm.getForEntity("/api/forms/nope", String.class);
    assertThat(missing.getStatusCode().value()).isEqualTo(404);
    assertThat(json.readTree(missing.getBody()).path("message").asText())
        .contains("Unknown form 'nope'");
  }

  @Test
  void processesServeTheirBpmnAndUnknownOnesAnswer404() throws Exception {
    ResponseEntity<String> xml = csm.getForEntity("/api/processes/renewal/xml", String.class);
    assertThat(xml.getStatusCode().value()).isEqualTo(200);
    assertThat(xml.getHeaders().getContentType().toString()).startsWith("application/xml");
    assertThat(xml.getBody()).isEqualTo(Files.readString(Path.of("bpmn/renewal.bpmn")));
    JsonNode all = json.readTree(leader.getForEntity("/api/processes", String.class).getBody());
    assertThat(all.findValuesAsText("kind")).contains("process", "decision", "form");
    assertThat(leader.getForEntity("/api/processes/nope/xml", String.class).getStatusCode().value())
        .isEqualTo(404);
    ResponseEntity<String> badVersion =
        leader.getForEntity("/api/processes/expansion-journey/statistics?version=0", String.class);
    assertThat(badVersion.getStatusCode().value()).isEqualTo(400);
    assertThat(csm.getForEntity("/api/processes/renewal/statistics", String.class).getStatusCode())
        .matches(s -> s.value() == 403);
  }

  @Test
  void statisticsCountActiveCompletedAndCanceledFromTheAppsRecords() throws Exception {
    JsonNode before = statistics();
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String journey = signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
    UserTask outreach = awaitTask(account, ExpansionJourney.CSM_OUTREACH);

    JsonNode waiting = statistics();
    assertThat(count(waiting, ExpansionJourney.CSM_OUTREACH, "active"))
        .isEqualTo(count(before, ExpansionJourney.CSM_OUTREACH, "active") + 1);
    JsonNode there =
        json.readTree(
            leader
                .getForEntity(
                    "/api/processes/expansion-journey/elements/"
                        + ExpansionJourney.CSM_OUTREACH
                        + "/journeys",
                    String.class)
                .getBody());
    assertThat(there.findValuesAsText("id")).contains(journey);

    tasks.complete(outreach.id(), Map.of("outreachResult", "declined"));
    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    JsonNode after = statistics();
    assertThat(count(after, ExpansionJourney.CSM_OUTREACH, "completed"))
        .isEqualTo(count(before, ExpansionJourney.CSM_OUTREACH, "completed") + 1);
    assertThat(count(after, ExpansionJourney.CSM_OUTREACH, "active"))
        .isEqualTo(count(before, ExpansionJourney.CSM_OUTREACH, "active"));
    assertThat(count(after, ExpansionJourney.AWAIT_SIGNAL, "active"))
        .isEqualTo(count(before, ExpansionJourney.AWAIT_SIGNAL, "active") + 1);
    assertThat(after.findValuesAsText("elementId")).isSorted();

    // by version: the journey counts under the version it runs on, and under no other
    int version = journeys.find(journey).orElseThrow().processVersion();
    JsonNode own = statistics("?version=" + version);
    assertThat(count(own, ExpansionJourney.AWAIT_SIGNAL, "active")).isPositive();
    JsonNode other = statistics("?version=" + (version + 1000));
    assertThat(count(other, ExpansionJourney.AWAIT_SIGNAL, "active")).isZero();
  }

  @Test
  void everyPageUrlAnswersTheWorkspaceShell() {
    for (String page :
        new String[] {
          "/",
          "/queue",
          "/inbox",
          "/tasks/1",
          "/accounts/X",
          "/approvals",
          "/dashboard",
          "/processes/renewal",
          "/models",
          "/imports"
        }) {
      ResponseEntity<String> answer = csm.getForEntity(page, String.class);
      assertThat(answer.getStatusCode().value()).as(page).isEqualTo(200);
      assertThat(answer.getHeaders().getContentType().toString()).startsWith("text/html");
      assertThat(answer.getBody()).contains("Expansion Playbook");
    }
  }

  private JsonNode statistics() throws Exception {
    return statistics("");
  }

  private JsonNode statistics(String query) throws Exception {
    return json.readTree(
        leader
            .getForEntity("/api/processes/expansion-journey/statistics" + query, String.class)
            .getBody());
  }

  private static long count(JsonNode stats, String elementId, String field) {
    for (JsonNode s : stats) {
      if (s.path("elementId").asText().equals(elementId)) {
        return s.path(field).asLong();
      }
    }
    return 0;
  }
}
