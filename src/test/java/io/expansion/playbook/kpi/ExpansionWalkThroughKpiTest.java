package io.expansion.playbook.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestConstructor;

/**
 * The README's expansion walk-through (intent signal, CSM outreach, value review, quote,
 * provisioning) through the real journey, and what it does to the KPIs of this month: the account
 * gets its own CSM, so its group holds exactly this journey's figures.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ExpansionWalkThroughKpiTest extends JourneyTestBase {

  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  ExpansionWalkThroughKpiTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("leader", "demo");
  }

  @Test
  void anAcceptedExpansionMovesExpansionMrrWinRateAndTheFunnel() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true));
    String csm = "csm-kpi-" + account;
    jdbc.sql("UPDATE accounts SET owner_csm = ? WHERE id = ?").params(csm, account).update();
    BigDecimal bookExpansionBefore = value(whole(), "expansion_mrr");
    assertThat(group(csm)).as("nothing yet for the new CSM").isNull();

    String journey = signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
    complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
    complete(
        account,
        ExpansionJourney.PROVE_VALUE,
        Map.of("customerResponse", "interested", "requestedDiscountPct", 5));
    awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL);
    await().atMost(WAIT).until(() -> outcomeRecorded(account));

    Map<String, Object> quote =
        jdbc.sql(
                "SELECT list_price, net_price FROM quotes WHERE account_id = ? AND status ="
                    + " 'ACCEPTED'")
            .param(account)
            .query()
            .singleRow();
    BigDecimal list = (BigDecimal) quote.get("LIST_PRICE");
    BigDecimal net = (BigDecimal) quote.get("NET_PRICE");

    JsonNode movements = get("/api/revenue/movements?accountId=" + account).path("items");
    assertThat(movements.size()).isEqualTo(1);
    JsonNode movement = movements.get(0);
    assertThat(movement.path("type").asText()).isEqualTo("expansion");
    assertThat(movement.path("source").asText()).isEqualTo("provisioning");
    assertThat(movement.path("journeyId").asText()).isEqualTo(journey);
    assertThat(movement.path("play").asText()).isEqualTo("expansion");
    assertThat(movement.path("offerId").asLong()).isPositive();
    assertThat(movement.path("amount").decimalValue()).isEqualByComparingTo(net);
    assertThat(movement.path("mrrBefore").decimalValue()).isEqualByComparingTo("90.00");

    JsonNode mine = group(csm);
    assertThat(mine).isNotNull();
    assertThat(value(mine, "expansion_mrr")).isEqualByComparingTo(net);
    assertThat(value(mine, "expansion_arr"))
        .isEqualByComparingTo(net.multiply(BigDecimal.valueOf(12)));
    assertThat(value(mine, "avg_expansion_deal")).isEqualByComparingTo(net);
    assertThat(value(mine, "win_rate")).isEqualByComparingTo("1");
    assertThat(kpi(mine, "win_rate").path("denominator").asLong()).isEqualTo(1);
    assertThat(value(mine, "funnel_signals")).isEqualByComparingTo("1");
    assertThat(value(mine, "funnel_plays")).isEqualByComparingTo("1");
    assertThat(value(mine, "funnel_touches")).isEqualByComparingTo("1");
    assertThat(value(mine, "funnel_offers_presented")).isEqualByComparingTo("1");
    assertThat(value(mine, "funnel_accepted")).isEqualByComparingTo("1");
    assertThat(value(mine, "conversion_signal_to_play")).isEqualByComparingTo("1");
    assertThat(value(mine, "discount_given"))
        .isEqualByComparingTo(list.subtract(net).divide(list, 4, RoundingMode.HALF_UP));
    assertThat(kpi(mine, "plays_outcomes").path("breakdown").path("expansion:accepted").asLong())
        .isEqualTo(1);
    assertThat(value(whole(), "expansion_mrr"))
        .as("the book's expansion MRR moved by the deal (other tests' journeys only add to it)")
        .isGreaterThanOrEqualTo(bookExpansionBefore.add(net));

    JsonNode byPlay = get("/api/kpis?period=month&groupBy=play");
    assertThat(byPlay.path("groups").findValuesAsText("group")).contains("expansion");
    JsonNode series =
        get("/api/kpis/series?metric=expansion_mrr&period=month&groupBy=csm").path("series");
    JsonNode line = null;
    for (JsonNode l : series) {
      if (csm.equals(l.path("group").asText())) {
        line = l;
      }
    }
    assertThat(line).isNotNull();
    assertThat(line.path("points").get(0).path("value").decimalValue()).isEqualByComparingTo(net);
  }

  private boolean outcomeRecorded(String account) {
    return jdbc.sql("SELECT COUNT(*) FROM decisions WHERE account_id = ? AND rule = 'outcome'")
            .param(account)
            .query(Long.class)
            .single()
        > 0;
  }

  private JsonNode whole() throws Exception {
    return get("/api/kpis?period=month");
  }

  private JsonNode group(String name) throws Exception {
    for (JsonNode g : get("/api/kpis?period=month&groupBy=csm").path("groups")) {
      if (name.equals(g.path("group").asText())) {
        return g;
      }
    }
    return null;
  }

  private static JsonNode kpi(JsonNode report, String key) {
    for (JsonNode k : report.path("kpis")) {
      if (key.equals(k.path("key").asText())) {
        return k;
      }
    }
    throw new AssertionError("No KPI " + key);
  }

  private static BigDecimal value(JsonNode report, String key) {
    return kpi(report, key).path("value").decimalValue();
  }

  private JsonNode get(String path) throws Exception {
    ResponseEntity<String> response = http.getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }
}
