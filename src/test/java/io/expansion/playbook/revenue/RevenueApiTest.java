package io.expansion.playbook.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
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

/**
 * The billing and CRM signals over HTTP on the running app: each changes the account and writes its
 * ledger row with the stored signal; bad ones store and change nothing; the ledger and KPI
 * endpoints name bad parameters.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class RevenueApiTest extends JourneyTestBase {

  private final TestRestTemplate http;
  private final TestRestTemplate integration;
  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  RevenueApiTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("leader", "demo");
    this.integration = http.withBasicAuth("integration", "demo");
  }

  @Test
  void eachBillingSignalChangesTheAccountAndWritesItsLedgerRow() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true)); // MRR 90.00

    long up = post(account, "subscription_changed", "{\"mrr\":120.5,\"reason\":\"seats added\"}");
    assertThat(state(account)).isEqualTo("120.50 false");
    long down = post(account, "renewal_closed", "{\"outcome\":\"renewed\",\"mrr\":\"110\"}");
    assertThat(state(account)).isEqualTo("110.00 false");
    long churned = post(account, "account_churned", "{\"reason\":\"moved to a competitor\"}");
    assertThat(state(account)).as("the last MRR stays on the account").isEqualTo("110.00 true");
    long back = post(account, "renewal_closed", "{\"outcome\":\"renewed\"}");
    assertThat(state(account)).isEqualTo("110.00 false");
    long lost = post(account, "renewal_closed", "{\"outcome\":\"churned\"}");
    long again = post(account, "account_churned", "{}");
    assertThat(state(account)).isEqualTo("110.00 true");

    JsonNode page = get("/api/revenue/movements?accountId=" + account);
    assertThat(page.path("total").asLong()).isEqualTo(5);
    List<String> rows = new ArrayList<>();
    page.path("items")
        .forEach(
            m ->
                rows.add(
                    m.path("type").asText()
                        + " "
                        + m.path("amount").decimalValue().setScale(2).toPlainString()
                        + " "
                        + m.path("mrrBefore").decimalValue().setScale(2).toPlainString()
                        + "->"
                        + m.path("mrrAfter").decimalValue().setScale(2).toPlainString()
                        + " "
                        + m.path("source").asText()
                        + " "
                        + m.path("signalId").asLong()));
    assertThat(rows)
        .containsExactly(
            "expansion 30.50 90.00->120.50 signal " + up,
            "contraction -10.50 120.50->110.00 signal " + down,
            "churn -110.00 110.00->0.00 signal " + churned,
            "reactivation 110.00 0.00->110.00 signal " + back,
            "churn -110.00 110.00->0.00 signal " + lost);
    assertThat(again).as("already churned: the signal is stored, no movement").isPositive();
    assertThat(page.path("totals").path("churn").decimalValue()).isEqualByComparingTo("-220.00");
    assertThat(page.path("items").get(0).path("reason").asText())
        .isEqualTo("subscription changed: seats added");

    JsonNode churns = get("/api/revenue/movements?accountId=" + account + "&type=churn&size=1");
    assertThat(churns.path("total").asLong()).isEqualTo(2);
    assertThat(churns.path("items").size()).isEqualTo(1);

    ResponseEntity<String> resent =
        postSignal(
            "{\"accountId\":\""
                + account
                + "\",\"type\":\"subscription_changed\",\"attributes\":{\"mrr\":500},"
                + "\"idempotencyKey\":\"bill-"
                + account
                + "-1\"}");
    assertThat(json.readTree(resent.getBody()).path("duplicate").asBoolean()).isTrue();
    assertThat(get("/api/revenue/movements?accountId=" + account).path("total").asLong())
        .isEqualTo(5);
    assertThat(state(account)).isEqualTo("110.00 true");
  }

  @Test
  void badBillingSignalsAreRefusedAndChangeNothing() {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String[][] bad = {
      {"subscription_changed", "{\"reason\":\"upgrade\"}", "Attribute 'mrr' is required"},
      {"subscription_changed", "{\"mrr\":-5}", "Attribute 'mrr' has invalid value -5"},
      {"subscription_changed", "{\"mrr\":\"a lot\"}", "Attribute 'mrr' has invalid value"},
      {"account_churned", "{\"why\":\"price\"}", "Unknown attribute 'why'"},
      {"renewal_closed", "{\"outcome\":\"lost\"}", "one of renewed, churned"},
      {"renewal_closed", "{\"mrr\":100}", "Attribute 'outcome' is required"},
      {"renewal_closed", "{\"outcome\":\"churned\",\"mrr\":100}", "for outcome 'renewed' only"}
    };
    for (String[] b : bad) {
      ResponseEntity<String> response =
          postSignal(
              "{\"accountId\":\""
                  + account
                  + "\",\"type\":\""
                  + b[0]
                  + "\",\"attributes\":"
                  + b[1]
                  + "}");
      assertThat(response.getStatusCode()).as(b[0] + " " + b[1]).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody()).as(b[0] + " " + b[1]).contains(b[2]);
    }
    assertThat(count("signals", account)).isZero();
    assertThat(count("revenue_movements", account)).isZero();
    assertThat(state(account)).isEqualTo("90.00 false");
    ResponseEntity<String> unknown =
        postSignal("{\"accountId\":\"NOPE-9\",\"type\":\"account_churned\",\"attributes\":{}}");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theLedgerAndKpiEndpointsNameBadParameters() {
    assertBad("/api/revenue/movements?type=upsell", "Unknown type 'upsell'", "expansion");
    assertBad("/api/revenue/movements?from=2026-13-01", "Invalid date '2026-13-01' for 'from'");
    assertBad(
        "/api/revenue/movements?from=2026-02-01&to=2026-01-01",
        "'from' (2026-02-01) is after 'to' (2026-01-01)");
    assertBad("/api/revenue/movements?size=0", "size between 1 and 500");
    assertThat(
            http.getForEntity("/api/revenue/movements?accountId=NOPE-1", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    assertBad("/api/kpis?groupBy=region", "Unknown groupBy 'region'", "segment, csm, play");
    assertBad("/api/kpis?period=week", "Unknown period 'week'", "month, quarter, ttm");
    assertBad(
        "/api/kpis?from=2026-03-01&to=2026-01-31",
        "'from' (2026-03-01) is after 'to' (2026-01-31)");
    assertBad("/api/kpis?period=month&from=2026-01-01", "either 'period' or 'from'/'to'");
    assertBad("/api/kpis?asOf=yesterday", "Invalid date 'yesterday' for 'asOf'");
    assertBad("/api/kpis/series", "Parameter 'metric' is required", "nrr");
    assertBad("/api/kpis/series?metric=ltv", "Unknown metric 'ltv'", "win_rate");
    assertBad("/api/kpis/series?metric=nrr&interval=week", "Unknown interval 'week'");
    assertBad("/api/kpis/series?metric=nrr&groupBy=region", "Unknown groupBy 'region'");
    assertBad("/api/kpis/series?metric=nrr&from=2000-01-01&to=2020-12-31", "more than 120 points");
  }

  @Test
  void anEmptyPeriodAnswersWithZeroDenominatorsMarked() throws Exception {
    JsonNode report = get("/api/kpis?from=2001-01-01&to=2001-01-31&groupBy=segment");
    assertThat(report.path("from").asText()).isEqualTo("2001-01-01");
    assertThat(report.path("to").asText()).isEqualTo("2001-01-31");
    assertThat(report.path("groupBy").asText()).isEqualTo("segment");
    assertThat(report.path("groups").isArray()).isTrue();
    JsonNode nrr = kpi(report.path("kpis"), "nrr");
    assertThat(nrr.has("value")).isTrue();
    assertThat(nrr.path("value").isNull()).isTrue();
    assertThat(nrr.path("denominator").decimalValue()).isEqualByComparingTo("0");
    assertThat(nrr.path("unit").asText()).isEqualTo("ratio");
    assertThat(nrr.path("definition").asText()).contains("start MRR");
    assertThat(nrr.path("name").asText()).isEqualTo("Net revenue retention");
    assertThat(kpi(report.path("kpis"), "win_rate").path("value").isNull()).isTrue();
    assertThat(kpi(report.path("kpis"), "expansion_mrr").path("value").decimalValue())
        .isEqualByComparingTo("0");

    JsonNode series =
        get("/api/kpis/series?metric=grr&interval=quarter&from=2001-01-01&to=2001-12-31");
    assertThat(series.path("metric").asText()).isEqualTo("grr");
    assertThat(series.path("interval").asText()).isEqualTo("quarter");
    JsonNode all = series.path("series").get(0);
    assertThat(all.path("group").asText()).isEqualTo("all");
    assertThat(all.path("points").findValuesAsText("period"))
        .containsExactly("2001-Q1", "2001-Q2", "2001-Q3", "2001-Q4");
    assertThat(all.path("points").get(3).path("from").asText()).isEqualTo("2001-10-01");
    assertThat(all.path("points").get(3).path("value").isNull()).isTrue();

    JsonNode definitions =
        json.readTree(http.getForEntity("/api/kpis/definitions", String.class).getBody());
    assertThat(definitions.findValuesAsText("key"))
        .contains(
            "nrr",
            "grr",
            "expansion_mrr",
            "expansion_arr",
            "contraction_mrr",
            "revenue_churn",
            "logo_churn",
            "attach_rate",
            "addons_per_account",
            "avg_expansion_deal",
            "win_rate",
            "discount_given",
            "funnel_signals",
            "funnel_plays",
            "funnel_touches",
            "funnel_offers_presented",
            "funnel_accepted",
            "time_to_first_value_days",
            "plays_outcomes");
  }

  private JsonNode kpi(JsonNode kpis, String key) {
    for (JsonNode k : kpis) {
      if (key.equals(k.path("key").asText())) {
        return k;
      }
    }
    throw new AssertionError("No KPI " + key + " in " + kpis);
  }

  private void assertBad(String path, String... fragments) {
    ResponseEntity<String> response = http.getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).as(path).contains(fragments);
  }

  private long post(String account, String type, String attributes) throws Exception {
    ResponseEntity<String> response =
        postSignal(
            "{\"accountId\":\""
                + account
                + "\",\"type\":\""
                + type
                + "\",\"attributes\":"
                + attributes
                + ",\"idempotencyKey\":\"bill-"
                + account
                + "-"
                + (count("signals", account) + 1)
                + "\"}");
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return json.readTree(response.getBody()).path("id").asLong();
  }

  private ResponseEntity<String> postSignal(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return integration.postForEntity("/api/signals", new HttpEntity<>(body, headers), String.class);
  }

  private JsonNode get(String path) throws Exception {
    ResponseEntity<String> response = http.getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private String state(String account) {
    return jdbc.sql(
            "SELECT CAST(mrr AS VARCHAR(20)) || ' ' || CAST(churned AS VARCHAR(5)) FROM accounts WHERE id = ?")
        .param(account)
        .query(String.class)
        .single()
        .toLowerCase();
  }
}
