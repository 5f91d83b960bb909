package io.expansion.playbook.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/** Signal catalog, batch and CSV ingestion over HTTP, as the integration client. */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class SignalIngestionApiTest extends JourneyTestBase {

  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  SignalIngestionApiTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("integration", "demo");
  }

  @Test
  void theCatalogListsEveryTypeWithItsAttributes() throws Exception {
    JsonNode types = json.readTree(http.getForObject("/api/signals/types", String.class));

    assertThat(types.findValuesAsText("type"))
        .containsExactly(
            "product_usage",
            "license_utilization",
            "support_case_opened",
            "support_case_closed",
            "sla_breached",
            "nps_response",
            "invoice_overdue",
            "renewal_date_changed",
            "intent",
            "champion_left",
            "milestone_reached",
            "subscription_changed",
            "account_churned",
            "renewal_closed",
            "touch_opened",
            "touch_clicked",
            "offer_accepted",
            "offer_declined",
            "unsubscribed");
    JsonNode utilisation = types.get(1).path("attributes").get(0);
    assertThat(utilisation.path("name").asText()).isEqualTo("utilizationPct");
    assertThat(utilisation.path("required").asBoolean()).isTrue();
    assertThat(utilisation.path("max").asInt()).isEqualTo(100);
  }

  @Test
  void aBatchIsAcceptedItemByItemAndRejectedItemsStoreNothing() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String key = "batch-" + account;
    String batch =
        """
        [
          {"accountId":"%1$s","type":"support_case_opened",
           "attributes":{"caseId":"C-9","priority":"P2"},"idempotencyKey":"%2$s"},
          {"accountId":"%1$s","type":"intent","attributes":{"page":"pricing"}},
          {"accountId":"NOPE-1","type":"intent","attributes":{"topic":"pricing_page"}},
          {"accountId":"%1$s","type":"support_case_opened",
           "attributes":{"caseId":"C-9","priority":"P2"},"idempotencyKey":"%2$s"},
          {"accountId":"%1$s","type":"renewal_date_changed",
           "attributes":{"renewalDate":"2027-06-30"}},
          {"accountId":"%1$s","type":"nps_response","attributes":{"score":12}}
        ]
        """
            .formatted(account, key);

    ResponseEntity<String> response = post("/api/signals/batch", batch, MediaType.APPLICATION_JSON);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode result = json.readTree(response.getBody());
    assertThat(result.path("received").asInt()).isEqualTo(6);
    assertThat(result.path("accepted").asInt()).isEqualTo(2);
    assertThat(result.path("duplicates").asInt()).isEqualTo(1);
    assertThat(result.path("rejected").asInt()).isEqualTo(3);
    JsonNode items = result.path("items");
    assertThat(items.findValuesAsText("status"))
        .containsExactly("accepted", "rejected", "rejected", "duplicate", "accepted", "rejected");
    assertThat(items.findValuesAsText("index")).containsExactly("0", "1", "2", "3", "4", "5");
    assertThat(items.get(1).path("reason").asText())
        .contains("Unknown attribute 'page'", "topic, product");
    assertThat(items.get(2).path("reason").asText()).contains("Unknown account 'NOPE-1'");
    assertThat(items.get(3).path("signalId").asLong())
        .isEqualTo(items.get(0).path("signalId").asLong());
    assertThat(items.get(5).path("reason").asText()).contains("'score'", "0 to 10");
    assertThat(items.get(0).path("routing").asText()).isEqualTo("QUEUED");
    assertThat(result.path("throttled").asInt()).isZero();

    assertThat(count(account)).isEqualTo(2);
    assertThat(accounts.findById(account).orElseThrow().renewalDate())
        .isEqualTo(LocalDate.of(2027, 6, 30));
  }

  @Test
  void malformedEmptyAndOversizedBatchesAreRefusedWhole() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String item =
        "{\"accountId\":\""
            + account
            + "\",\"type\":\"milestone_reached\","
            + "\"attributes\":{\"milestone\":\"setup_done\"}}";

    ResponseEntity<String> malformed =
        post("/api/signals/batch", "[" + item + ",", MediaType.APPLICATION_JSON);
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(malformed.getBody()).contains("Malformed JSON");

    ResponseEntity<String> notAnArray =
        post("/api/signals/batch", item, MediaType.APPLICATION_JSON);
    assertThat(notAnArray.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    ResponseEntity<String> empty = post("/api/signals/batch", "[]", MediaType.APPLICATION_JSON);
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(empty.getBody()).contains("no signals");

    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      many.add(item);
    }
    ResponseEntity<String> tooMany =
        post("/api/signals/batch", "[" + String.join(",", many) + "]", MediaType.APPLICATION_JSON);
    assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooMany.getBody()).contains("1001", "at most 1000");

    assertThat(count(account)).isZero();
  }

  @Test
  void csvLinesAreAcceptedWithLineNumbersAndAResentFileIsStoredOnce() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String csv =
        """
        accountId,type,occurredAt,idempotencyKey,attr.score,attr.comment,attr.activeUsers
        %1$s,nps_response,2026-01-10T09:00:00Z,,9,"Great, thanks",
        %1$s,nps_response,2026-01-11T09:00:00Z,,11,,
        %1$s,product_usage,2026-01-12T09:00:00Z,usage-%1$s,,,120
        %1$s,product_usage,yesterday,,,,5
        NOPE-1,product_usage,,,,,5
        """
            .formatted(account);

    JsonNode first = json.readTree(post("/api/signals/csv", csv, csvType()).getBody());

    assertThat(first.path("items").findValuesAsText("status"))
        .containsExactly("accepted", "rejected", "accepted", "rejected", "rejected");
    assertThat(first.path("items").findValuesAsText("line"))
        .containsExactly("2", "3", "4", "5", "6");
    assertThat(first.path("items").get(1).path("reason").asText()).contains("'score'");
    assertThat(first.path("items").get(3).path("reason").asText()).contains("occurredAt");
    assertThat(first.path("items").get(4).path("reason").asText()).contains("NOPE-1");
    assertThat(count(account)).isEqualTo(2);

    JsonNode again = json.readTree(post("/api/signals/csv", csv, csvType()).getBody());
    assertThat(again.path("duplicates").asInt()).isEqualTo(2);
    assertThat(again.path("accepted").asInt()).isZero();
    assertThat(count(account)).isEqualTo(2);
  }

  @Test
  void aCsvWithAWrongHeaderIsRefusedBeforeAnythingIsStored() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String row = account + ",milestone_reached,first_value\n";

    ResponseEntity<String> unknown =
        post("/api/signals/csv", "accountId,type,milestone\n" + row, csvType());
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody()).contains("Unknown CSV column 'milestone'", "attr.<name>");

    ResponseEntity<String> missing =
        post("/api/signals/csv", "accountId,kind,attr.milestone\n" + row, csvType());
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missing.getBody()).contains("missing column(s) type");

    ResponseEntity<String> empty = post("/api/signals/csv", " ", csvType());
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    assertThat(count(account)).isZero();
  }

  private static MediaType csvType() {
    return MediaType.parseMediaType("text/csv");
  }

  private ResponseEntity<String> post(String path, String body, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  private long count(String account) {
    return jdbc.sql("SELECT COUNT(*) FROM signals WHERE account_id = ?")
        .param(account)
        .query(Long.class)
        .single();
  }
}
