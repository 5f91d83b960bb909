package io.expansion.playbook.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.support.JourneyTestBase;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Bring your own book over HTTP, as ops: upload, background run, status and errors. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ImportApiTest extends JourneyTestBase {

  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  ImportApiTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("ops", "demo");
  }

  @Test
  void anUploadImportsInTheBackgroundAndReportsProgressAndBadLines() throws Exception {
    String run = "R" + UUID.randomUUID().toString().substring(0, 6);
    String book = crmSample(run);

    ResponseEntity<String> submitted = upload(book, "crm-export", null);

    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = json.readTree(submitted.getBody()).path("id").asText();
    JsonNode status =
        await()
            .atMost(WAIT)
            .until(
                () -> json.readTree(http.getForObject("/api/imports/" + id, String.class)),
                s -> s.path("state").asText().equals("SUCCEEDED"));
    assertThat(status.path("mapping").asText()).isEqualTo("crm-export");
    assertThat(status.path("rowsRead").asInt()).isEqualTo(6);
    assertThat(status.path("imported").asInt()).isEqualTo(4);
    assertThat(status.path("rejected").asInt()).isEqualTo(2);
    assertThat(status.path("errors").findValuesAsText("line")).containsExactly("5", "6");
    assertThat(status.path("errors").findValuesAsText("column"))
        .containsExactly("Renewal Date", "Products");
    assertThat(status.path("durationMs").asLong()).isNotNegative();
    assertThat(status.path("finishedAt").isNull()).isFalse();
    assertThat(accounts.findById("ACME-" + run + "-001").orElseThrow().planTier())
        .isEqualTo("enterprise");
    assertThat(http.getForObject("/api/imports", String.class)).contains(id);
    // the run is on the import thread, the decision still names who uploaded the book
    var decision =
        decisions.latest(null, "import", 50).stream()
            .filter(d -> id.equals(d.inputs().get("importId")))
            .findFirst()
            .orElseThrow();
    assertThat(decision.actor()).isEqualTo("ops");
    assertThat(decision.outcome()).isEqualTo("succeeded");
    assertThat(decision.accountId()).isNull();
    assertThat(decision.rationale()).contains("crm-export", "4 imported", "2 rejected");

    String again = json.readTree(upload(book, "crm-export", null).getBody()).path("id").asText();
    JsonNode rerun =
        await()
            .atMost(WAIT)
            .until(
                () -> json.readTree(http.getForObject("/api/imports/" + again, String.class)),
                s -> s.path("state").asText().equals("SUCCEEDED"));
    assertThat(rerun.path("unchanged").asInt()).isEqualTo(4);
    assertThat(rerun.path("imported").asInt()).isZero();
  }

  @Test
  void anUploadedMappingFileIsUsed() throws Exception {
    String prefix = "U" + UUID.randomUUID().toString().substring(0, 6);
    String mapping =
        """
        name: uploaded
        account:
          id: { template: "%s-{code}" }
          name: { column: title }
          mrr: { column: revenue, type: decimal }
        """
            .formatted(prefix);

    ResponseEntity<String> submitted =
        upload("code,title,revenue\n1,One,10\n2,Two,20\n", null, mapping);

    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = json.readTree(submitted.getBody()).path("id").asText();
    await()
        .atMost(WAIT)
        .until(
            () -> json.readTree(http.getForObject("/api/imports/" + id, String.class)),
            s -> s.path("state").asText().equals("SUCCEEDED"));
    assertThat(accounts.findById(prefix + "-2").orElseThrow().mrr()).isEqualByComparingTo("20");
  }

  @Test
  void aRunThatBreaksOnMalformedCsvIsMarkedFailedWithTheRowsBeforeItImported() throws Exception {
    String run = "M" + UUID.randomUUID().toString().substring(0, 6);
    String book = crmSample(run).replace("Globex,", "\"Globex,");

    String id = json.readTree(upload(book, "crm-export", null).getBody()).path("id").asText();

    JsonNode status =
        await()
            .atMost(WAIT)
            .until(
                () -> json.readTree(http.getForObject("/api/imports/" + id, String.class)),
                s -> s.path("state").asText().equals("FAILED"));
    assertThat(status.path("message").asText()).contains("Malformed CSV");
    assertThat(status.path("imported").asInt()).isEqualTo(1);
    assertThat(accounts.exists("ACME-" + run + "-001")).isTrue();
  }

  @Test
  void badUploadsAreRefusedUpFrontAndStoreNothing() {
    long before = accounts.count(null);

    ResponseEntity<String> missingColumn =
        upload("Account ID,Account Name\nX-1,X\n", "crm-export", null);
    assertThat(missingColumn.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missingColumn.getBody()).contains("MRR (USD)", "crm-export");

    ResponseEntity<String> unknownMapping = upload("a\n1\n", "no-such", null);
    assertThat(unknownMapping.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknownMapping.getBody()).contains("Unknown mapping 'no-such'");

    ResponseEntity<String> noMapping = upload("a\n1\n", null, null);
    assertThat(noMapping.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noMapping.getBody()).contains("mappingFile");

    ResponseEntity<String> badMapping = upload("a\n1\n", null, "name: x\naccount: {idd: 1}\n");
    assertThat(badMapping.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badMapping.getBody()).contains("idd");

    assertThat(http.getForEntity("/api/imports/nope", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(accounts.count(null)).isEqualTo(before);
  }

  private ResponseEntity<String> upload(String csv, String mappingName, String mappingFile) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", file(csv, "book.csv"));
    if (mappingName != null) {
      parts.add("mapping", mappingName);
    }
    if (mappingFile != null) {
      parts.add("mappingFile", file(mappingFile, "mapping.yml"));
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.postForEntity("/api/imports", new HttpEntity<>(parts, headers), String.class);
  }

  private static ByteArrayResource file(String content, String name) {
    return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  /** The CRM sample with ids made unique to this run. */
  private static String crmSample(String run) throws Exception {
    String sample =
        new ClassPathResource("books/crm-export-sample.csv")
            .getContentAsString(StandardCharsets.UTF_8);
    return sample.replace("-00", "-" + run + "-00").replace(",C-", ",C" + run + "-");
  }
}
