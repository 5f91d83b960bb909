package io.expansion.playbook.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.journeys.Journey;
import io.expansion.playbook.journeys.Journeys;
import io.expansion.playbook.signals.SignalService;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import io.expansion.playbook.tasks.TaskService;
import io.expansion.playbook.tasks.UserTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestConstructor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Deploying from the app, the versions, the diff and migration, on an app of its own (it deploys a
 * second version of the expansion journey, which no other suite may see).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:model-versions;DB_CLOSE_DELAY=-1",
      "expansion.engine.embedded-port=0",
      "expansion.demo.load-book=false",
      "expansion.plays.renewal.plan-on-startup=false",
      "expansion.book.rescore-after-import=false",
      "expansion.book.rescore-after-model-change=false"
    })
@DirtiesContext
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class PlaybookVersionsApiTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PROBE = "versions-probe";
  private static final String RENAMED = "Task_AwaitAccountSignal";

  private final TestRestTemplate ops;
  private final TestRestTemplate csm;
  private final ModelVersions versions;
  private final CamundaClient client;
  private final Fixtures fixtures;
  private final SignalService signals;
  private final Journeys journeys;
  private final TaskService tasks;
  private final DecisionLog decisions;
  private final JdbcClient jdbc;
  private final ObjectMapper json = new ObjectMapper();

  PlaybookVersionsApiTest(
      TestRestTemplate http,
      ModelVersions versions,
      CamundaClient client,
      Accounts accounts,
      JdbcClient jdbc,
      SignalService signals,
      Journeys journeys,
      TaskService tasks,
      DecisionLog decisions) {
    this.ops = http.withBasicAuth("ops", "demo");
    this.csm = http.withBasicAuth("csm-01", "demo");
    this.versions = versions;
    this.client = client;
    this.fixtures = new Fixtures(accounts, jdbc);
    this.signals = signals;
    this.journeys = journeys;
    this.tasks = tasks;
    this.decisions = decisions;
    this.jdbc = jdbc;
  }

  @Test
  void brokenUploadsAreRefusedAndNothingIsDeployed() throws IOException {
    String good = probe().replace(PROBE, "broken-probe");
    Map<String, String> broken = new LinkedHashMap<>();
    broken.put("not well-formed XML", good.substring(0, good.length() / 2));
    broken.put(
        "task type 'no-such-worker' has no job worker",
        good.replace("type=\"journey-checkpoint\"", "type=\"no-such-worker\""));
    broken.put(
        "linked form 'no-such-form' is neither in the upload nor deployed",
        good.replace("formId=\"csm-outreach\"", "formId=\"no-such-form\""));
    broken.put(
        "id used by 2 elements", good.replace("id=\"Task_Checkpoint\"", "id=\"Task_Review\""));
    broken.put(
        "user task has no candidate groups",
        good.replace("<zeebe:assignmentDefinition candidateGroups=\"csm\" />", ""));
    broken.put(
        "waits for message 'never-published'",
        good.replace(
                "<bpmn:endEvent id=\"End_Probe\" name=\"Probe done\" />",
                "<bpmn:endEvent id=\"End_Probe\" name=\"Probe done\" />"
                    + "<bpmn:receiveTask id=\"Task_Wait\" messageRef=\"Message_Never\" />")
            .replace(
                "</bpmn:process>",
                "</bpmn:process><bpmn:message id=\"Message_Never\" name=\"never-published\">"
                    + "<bpmn:extensionElements><zeebe:subscription correlationKey=\"=accountId\" />"
                    + "</bpmn:extensionElements></bpmn:message>"));
    long storedBefore = jdbc.sql("SELECT COUNT(*) FROM model_versions").query(Long.class).single();
    for (var bad : broken.entrySet()) {
      ResponseEntity<String> refused = upload(Map.of("broken-probe.bpmn", bad.getValue()));
      assertThat(refused.getStatusCode()).as(bad.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
      JsonNode body = json.readTree(refused.getBody());
      assertThat(body.path("problems").findValuesAsText("file")).contains("broken-probe.bpmn");
      assertThat(body.path("message").asText()).contains(bad.getKey());
    }
    ResponseEntity<String> element =
        upload(
            Map.of(
                "broken-probe.bpmn",
                good.replace("type=\"journey-checkpoint\"", "type=\"no-such-worker\"")));
    assertThat(json.readTree(element.getBody()).path("problems").findValuesAsText("element"))
        .containsExactly("Task_Checkpoint");
    // one good file beside a bad one: neither is deployed
    ResponseEntity<String> mixed =
        upload(
            Map.of(
                "good-probe.bpmn",
                probe().replace(PROBE, "good-probe"),
                "broken-probe.bpmn",
                good.replace("formId=\"csm-outreach\"", "formId=\"no-such-form\"")));
    assertThat(mixed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM model_versions").query(Long.class).single())
        .isEqualTo(storedBefore);
    assertThat(ops.getForEntity("/api/models/good-probe/versions", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    for (String id : List.of("broken-probe", "good-probe")) {
      assertThatThrownBy(
              () ->
                  client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join())
          .as("the engine has no process " + id)
          .hasMessageContaining(id);
    }
    assertThat(
            csm.postForEntity("/api/models", new HttpEntity<>(parts(Map.of())), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void twoVersionsAreStoredServedAndCompared() throws IOException {
    String v1 = probe();
    String v2 =
        v1.replace("Task_Checkpoint", "Task_Record")
            .replace("Review the probe", "Review the probe again")
            .replace("formId=\"csm-outreach\"", "formId=\"prove-value\"");
    assertThat(upload(Map.of("versions-probe.bpmn", v1)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    ResponseEntity<String> again = upload(Map.of("versions-probe.bpmn", v1));
    assertThat(json.readTree(again.getBody()).path("versions").get(0).path("created").asBoolean())
        .as("an unchanged file is no new version")
        .isFalse();
    ResponseEntity<String> second = upload(Map.of("versions-probe.bpmn", v2));
    assertThat(json.readTree(second.getBody()).path("versions").get(0).path("version").asInt())
        .isEqualTo(2);

    JsonNode list =
        json.readTree(ops.getForObject("/api/models/" + PROBE + "/versions", String.class));
    assertThat(list.findValuesAsText("version")).containsExactly("1", "2");
    assertThat(list.findValuesAsText("deployedBy")).containsExactly("ops", "ops");
    ResponseEntity<String> content =
        csm.getForEntity("/api/models/" + PROBE + "/versions/1", String.class);
    assertThat(content.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_XML))
        .isTrue();
    assertThat(content.getBody()).isEqualTo(v1);
    ResponseEntity<String> form =
        ops.getForEntity("/api/models/csm-outreach/versions/1", String.class);
    assertThat(form.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON))
        .isTrue();

    JsonNode diff =
        json.readTree(ops.getForObject("/api/models/" + PROBE + "/diff?from=1&to=2", String.class));
    assertThat(diff.path("added").findValuesAsText("id")).containsExactly("Task_Record");
    assertThat(diff.path("removed").findValuesAsText("id")).containsExactly("Task_Checkpoint");
    assertThat(diff.path("changed").findValuesAsText("id"))
        .containsExactlyInAnyOrder("Flow_ToCheckpoint", "Flow_ToEnd", "Task_Review");
    JsonNode review = changed(diff, "Task_Review");
    assertThat(review.path("form").path("from").asText()).isEqualTo("csm-outreach");
    assertThat(review.path("form").path("to").asText()).isEqualTo("prove-value");
    assertThat(review.path("name").path("to").asText()).isEqualTo("Review the probe again");
    assertThat(changed(diff, "Flow_ToEnd").path("source").path("to").asText())
        .isEqualTo("Task_Record");
    assertThat(
            ops.getForEntity("/api/models/" + PROBE + "/diff?from=1&to=9", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void activeJourneysMoveToANewVersionWithTheirOpenTasks() throws IOException {
    String waitingAccount = fixtures.healthyAccount(Fixtures.allChannels(true));
    String taskAccount = fixtures.healthyAccount(Fixtures.allChannels(true));
    String waiting =
        journeyOf(signal(waitingAccount, "support_case_closed", Map.of("caseId", "CASE-1")));
    String withTask = journeyOf(signal(taskAccount, "intent", Map.of("topic", "pricing_page")));
    await()
        .atMost(WAIT)
        .until(
            () -> journeys.find(waiting).orElseThrow().checkpointElement(),
            ExpansionJourney.AWAIT_SIGNAL::equals);
    long taskId = awaitTask(taskAccount, ExpansionJourney.CSM_OUTREACH).id();
    assertThat(journeys.find(withTask).orElseThrow().processVersion()).isEqualTo(1);
    ResponseEntity<String> deployed = upload(Map.of("expansion-journey.bpmn", renamedJourney()));
    assertThat(json.readTree(deployed.getBody()).path("versions").get(0).path("version").asInt())
        .isEqualTo(2);

    // dry run without mappings: the journey at the renamed element cannot move
    JsonNode dry = migrate(Map.of(), true);
    assertThat(dry.path("moved").findValuesAsText("journeyId")).containsExactly(withTask);
    assertThat(dry.path("cannotMove").findValuesAsText("journeyId")).containsExactly(waiting);
    assertThat(dry.path("cannotMove").get(0).path("reason").asText())
        .contains("no mapping for " + ExpansionJourney.AWAIT_SIGNAL);
    assertThat(journeys.find(withTask).orElseThrow().processVersion()).isEqualTo(1);

    // a real run whose target refuses one journey's element: that one stays where it was
    JsonNode partly = migrate(Map.of(ExpansionJourney.AWAIT_SIGNAL, "Flow_SignalReceived"), false);
    assertThat(partly.path("moved").findValuesAsText("journeyId")).containsExactly(withTask);
    assertThat(partly.path("failed").findValuesAsText("journeyId")).containsExactly(waiting);
    Journey stayed =
        await()
            .atMost(WAIT)
            .until(() -> journeys.find(waiting).orElseThrow(), j -> j.processInstanceKey() != null);
    assertThat(stayed.processVersion()).isEqualTo(1);
    assertThat(stayed.checkpointElement()).isEqualTo(ExpansionJourney.AWAIT_SIGNAL);

    JsonNode wouldMove = migrate(Map.of(ExpansionJourney.AWAIT_SIGNAL, RENAMED), true);
    assertThat(wouldMove.path("moved").findValuesAsText("journeyId")).containsExactly(waiting);
    JsonNode moved = migrate(Map.of(ExpansionJourney.AWAIT_SIGNAL, RENAMED), false);
    assertThat(moved.path("moved").findValuesAsText("toElement")).containsExactly(RENAMED);
    assertThat(moved.path("failed")).isEmpty();
    assertThat(journeys.find(waiting).orElseThrow().processVersion()).isEqualTo(2);
    assertThat(journeys.find(waiting).orElseThrow().checkpointElement()).isEqualTo(RENAMED);

    // the open CSM task is the same inbox task, completed on the new version
    assertThat(tasks.open(taskAccount, null, null))
        .extracting(UserTask::id)
        .containsExactly(taskId);
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              tasks.complete(taskId, Map.of("outreachResult", "interested"));
              return true;
            });
    awaitTask(taskAccount, ExpansionJourney.PROVE_VALUE);
    // the moved waiting journey takes a signal at its new element
    signal(waitingAccount, "intent", Map.of("topic", "pricing_page"));
    awaitTask(waitingAccount, ExpansionJourney.CSM_OUTREACH);

    var rows = decisions.latest(null, "journey-migration", 10);
    assertThat(rows)
        .extracting(d -> d.journeyId() + " " + d.outcome() + " " + d.actor())
        .containsExactlyInAnyOrder(
            withTask + " MOVED ops", waiting + " FAILED ops", waiting + " MOVED ops");
  }

  private JsonNode migrate(Map<String, String> mappings, boolean dryRun) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("processId", ExpansionJourney.PROCESS_ID);
    body.put("fromVersion", 1);
    body.put("toVersion", 2);
    body.put("mappings", mappings);
    body.put("dryRun", dryRun);
    ResponseEntity<String> answer =
        ops.postForEntity("/api/journeys/migrations", body, String.class);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(answer.getBody());
  }

  private SignalService.Accepted signal(String account, String type, Map<String, Object> attrs) {
    return signals.accept(new SignalService.SignalRequest(account, type, null, attrs, null));
  }

  private String journeyOf(SignalService.Accepted queued) {
    return await()
        .atMost(WAIT)
        .until(
            () -> signals.find(queued.id()).orElseThrow(),
            a -> !SignalService.QUEUED.equals(a.routing()))
        .journeyId();
  }

  private UserTask awaitTask(String account, String element) {
    return JourneyTestBase.awaitOpenTask(tasks, account, element, WAIT);
  }

  private static JsonNode changed(JsonNode diff, String id) {
    for (JsonNode c : diff.path("changed")) {
      if (c.path("id").asText().equals(id)) {
        return c.path("changes");
      }
    }
    throw new AssertionError("no change of " + id);
  }

  private String probe() throws IOException {
    return new String(
        getClass().getResourceAsStream("/models/versions-probe.bpmn").readAllBytes(),
        StandardCharsets.UTF_8);
  }

  static String renamedJourney() throws IOException {
    return Files.readString(Path.of("bpmn", ExpansionJourney.PROCESS_ID + ".bpmn"))
        .replace(ExpansionJourney.AWAIT_SIGNAL + "\"", RENAMED + "\"");
  }

  ResponseEntity<String> upload(Map<String, String> files) {
    return ops.postForEntity("/api/models", new HttpEntity<>(parts(files)), String.class);
  }

  private static MultiValueMap<String, Object> parts(Map<String, String> files) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    files.forEach(
        (name, content) ->
            parts.add(
                "files",
                new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
                  @Override
                  public String getFilename() {
                    return name;
                  }
                }));
    return parts;
  }
}
