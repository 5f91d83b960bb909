package io.expansion.playbook.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.experiments.ExperimentService.Exposure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestConstructor;

/**
 * Results from the ledger: accounts exposed through the service (sticky, held-out ones left out),
 * expansion and churn written as ledger rows, read back through {@code GET .../results}.
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ExperimentResultsTest extends ExperimentsTestBase {

  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  ExperimentResultsTest(ApplicationContext context, TestRestTemplate http) {
    super(context);
    this.http = http.withBasicAuth("leader", "demo");
  }

  @Test
  void assignmentIsStickyAndHeldOutAccountsAreInNoExperiment() {
    Experiment e = fiftyFifty("sticky-offer", "offer", "ADDON_ONLINE_BACKUP");
    String account = healthyAccountWhere(a -> !hashedIntoHoldout(a));
    List<Exposure> first = experiments.assign(account, "expansion", "J1");
    assertThat(first).singleElement().satisfies(x -> assertThat(x.firstExposure()).isTrue());
    // the MRR changes and the journey is another: the stored arm stays, with its first exposure
    jdbc.sql("UPDATE accounts SET mrr = 10 WHERE id = ?").param(account).update();
    List<Exposure> later = experiments.assign(account, "expansion", "J2");
    assertThat(later.getFirst().arm()).isEqualTo(first.getFirst().arm());
    assertThat(later.getFirst().firstExposure()).isFalse();
    assertThat(
            jdbc.sql("SELECT pre_period_mrr FROM experiment_assignments WHERE account_id = ?")
                .param(account)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("90.00");
    assertThat(first.getFirst().arm())
        .isEqualTo(Bucketing.arm(e.arms(), Bucketing.bucket("sticky-offer", account)).name());

    String heldOut = healthyAccountWhere(ExperimentsTestBase::hashedIntoHoldout);
    assertThat(experiments.assign(heldOut, "expansion", "J3")).isEmpty();
    assertThat(holdout.heldOut(heldOut)).isTrue();
  }

  @Test
  void resultsShowTheArmsTheCupedDifferenceTheSequenceAndAWorseGuardrail() throws Exception {
    Experiment e = fiftyFifty("capped-discount", "discount-cap", "5");
    Random random = new Random(3);
    List<Double> control = new ArrayList<>();
    List<Double> variant = new ArrayList<>();
    long heldOut = 0;
    for (int i = 0; i < 80; i++) {
      String account =
          fixtures.healthyAccount(io.expansion.playbook.support.Fixtures.allChannels(true));
      List<Exposure> exposures = experiments.assign(account, "expansion", "J-" + account);
      if (exposures.isEmpty()) {
        heldOut++;
        continue;
      }
      boolean isVariant = !exposures.getFirst().control();
      double expansion = Math.round((isVariant ? 12 : 4) + 6 * random.nextDouble());
      movement(account, "expansion", expansion, i);
      (isVariant ? variant : control).add(expansion);
      if (isVariant && i % 2 == 0) {
        movement(account, "churn", -(90 + expansion), i + 1000);
      }
    }
    JsonNode r =
        json.readTree(http.getForObject("/api/experiments/capped-discount/results", String.class));

    assertThat(r.path("exposedAccounts").asLong()).isEqualTo(80 - heldOut);
    assertThat(heldOut).isPositive();
    JsonNode arms = r.path("arms");
    assertThat(arms.get(0).path("arm").asText()).isEqualTo("control");
    assertThat(arms.get(0).path("exposed").asLong()).isEqualTo(control.size());
    assertThat(arms.get(1).path("exposed").asLong()).isEqualTo(variant.size());
    assertThat(arms.get(1).path("conversion").asDouble()).isEqualTo(1.0);
    assertThat(arms.get(0).path("meanExpansionMrr").asDouble())
        .isCloseTo(mean(control), within(1e-9));
    assertThat(arms.get(1).path("meanExpansionMrr").asDouble())
        .isCloseTo(mean(variant), within(1e-9));
    // every account had the same pre-period MRR (90): CUPED has nothing to remove
    assertThat(r.path("primary").path("theta").asDouble()).isEqualTo(0.0);
    JsonNode comparison = r.path("primary").path("comparisons").get(0);
    assertThat(comparison.path("arm").asText()).isEqualTo("variant");
    double difference = mean(variant) - mean(control);
    assertThat(comparison.path("difference").path("estimate").asDouble())
        .isCloseTo(difference, within(1e-9));
    assertThat(comparison.path("difference").path("lower").asDouble()).isPositive();
    assertThat(comparison.path("confidenceSequence").path("lower").asDouble())
        .isLessThan(comparison.path("difference").path("lower").asDouble());
    assertThat(comparison.path("significant").asBoolean()).isTrue();
    assertThat(r.path("sampleRatio").path("mismatch").asBoolean()).isFalse();
    JsonNode churn = r.path("guardrails").get(0);
    assertThat(churn.path("metric").asText()).isEqualTo("churn");
    assertThat(churn.path("comparisons").get(0).path("worse").asBoolean()).isTrue();
    assertThat(churn.path("comparisons").get(0).path("warning").asBoolean()).isTrue();
    assertThat(r.path("warnings").toString()).contains("Guardrail churn is worse in arm variant");
    assertThat(e.windowDays()).isEqualTo(30);
  }

  private void movement(String account, String type, double amount, int n) {
    BigDecimal before = new BigDecimal("90.00");
    BigDecimal change = BigDecimal.valueOf(amount).setScale(2);
    BigDecimal after = type.equals("churn") ? BigDecimal.ZERO.setScale(2) : before.add(change);
    if (type.equals("churn")) {
      before = change.negate();
    }
    jdbc.sql(
            "INSERT INTO revenue_movements (business_key, account_id, type, effective_date, amount,"
                + " mrr_before, mrr_after, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                + " 'signal', ?)")
        .params(
            "test:" + account + ":" + n,
            account,
            type,
            LocalDate.now(ZoneOffset.UTC),
            change,
            before,
            after,
            OffsetDateTime.now())
        .update();
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
