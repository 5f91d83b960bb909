package io.expansion.playbook.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.signals.Signal;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Monotone constraints: on a book where accounts without open cases churn more than accounts with
 * one (a quirk of the data), the boosted trees still never give more health for more open P1 cases,
 * more SLA breaches or fewer active users — scored through the real path from signals.
 */
class MonotoneConstraintTest {

  private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-06-01T10:00:00Z");

  @Test
  void moreOpenP1CasesNeverRaiseHealth() {
    Random random = new Random(11);
    List<Calibrator.Example> examples = new ArrayList<>();
    int[] churnedByCases = new int[3];
    int[] accountsByCases = new int[3];
    for (int i = 0; i < 3000; i++) {
      int cases = random.nextInt(3);
      int breaches = random.nextInt(2);
      double activeShare = random.nextDouble();
      int tenure = 1 + random.nextInt(60);
      // non-monotone on purpose: one open case looks safer than none in this book
      double p = (cases == 0 ? 0.3 : cases == 1 ? 0.1 : 0.6) + 0.1 * breaches - 0.2 * activeShare;
      boolean churned = random.nextDouble() < Math.max(0.02, p);
      AccountSnapshot snapshot = snapshot("A" + i, tenure, cases, breaches, activeShare);
      examples.add(
          new Calibrator.Example(
              "A" + i, ProfileFeatures.of(snapshot, Set.of(), Set.of()), churned));
      accountsByCases[cases]++;
      churnedByCases[cases] += churned ? 1 : 0;
    }
    assertThat((double) churnedByCases[0] / accountsByCases[0])
        .isGreaterThan((double) churnedByCases[1] / accountsByCases[1]);

    Calibrator.Result result =
        ModelTraining.train(examples, ModelTrainingTest.options(List.of()), "gbt");
    GbtModel model = (GbtModel) result.model();
    assertThat(result.metrics().gbt().monotone())
        .containsEntry("open_support_cases", -1)
        .containsEntry("sla_breaches", -1)
        .containsEntry("active_users", -1);

    var weights =
        new ScoringProperties.StageWeights(
            60,
            new ScoringProperties.Weights(20, 15, 10, 10, 5, 5, 15, 5, 5, 10, 10, 15, 10, 10, 15));
    for (int i = 0; i < 200; i++) {
      int tenure = 1 + random.nextInt(60);
      double activeShare = random.nextDouble();
      int breaches = random.nextInt(2);
      int previous = Integer.MAX_VALUE;
      for (int cases = 0; cases <= 3; cases++) {
        int health =
            health(model, weights, snapshot("B" + i, tenure, cases, breaches, activeShare));
        assertThat(health).as("health with %d open P1 cases", cases).isLessThanOrEqualTo(previous);
        previous = health;
      }
      int fewerUsers = health(model, weights, snapshot("B" + i, tenure, 1, breaches, 0.1));
      int moreUsers = health(model, weights, snapshot("B" + i, tenure, 1, breaches, 0.9));
      assertThat(moreUsers).isGreaterThanOrEqualTo(fewerUsers);
      int noBreach = health(model, weights, snapshot("B" + i, tenure, 1, 0, activeShare));
      int breach = health(model, weights, snapshot("B" + i, tenure, 1, 1, activeShare));
      assertThat(breach).isLessThanOrEqualTo(noBreach);
    }
  }

  private static int health(
      GbtModel model, ScoringProperties.StageWeights weights, AccountSnapshot snapshot) {
    return HealthModel.calibrated(snapshot, "established", weights, "gbt-test", model, Set.of())
        .health();
  }

  /** An account with open P1 cases, SLA breaches and a share of its 10 seats active. */
  static AccountSnapshot snapshot(
      String id, int tenure, int openP1Cases, int breaches, double activeShare) {
    Account account =
        new Account(
            id,
            id,
            "test",
            "dsl",
            "one-year",
            new BigDecimal("50.00"),
            10,
            5,
            tenure,
            null,
            "established",
            "csm-01",
            "UTC",
            null,
            null,
            null,
            null,
            null,
            null,
            "{}",
            NOW,
            NOW);
    List<Signal> signals = new ArrayList<>();
    long n = 0;
    for (int c = 0; c < openP1Cases; c++) {
      signals.add(
          signal(++n, id, "support_case_opened", Map.of("caseId", "C" + c, "priority", "P1")));
    }
    for (int b = 0; b < breaches; b++) {
      signals.add(signal(++n, id, "sla_breached", Map.of("caseId", "S" + b)));
    }
    signals.add(
        signal(
            ++n, id, "product_usage", Map.of("activeUsers", (int) Math.round(activeShare * 10))));
    return new AccountSnapshot(account, Map.of(), Set.of(), signals, NOW);
  }

  private static Signal signal(
      long id, String account, String type, Map<String, Object> attributes) {
    return new Signal(
        id,
        account,
        type,
        NOW.minusDays(id),
        NOW,
        new LinkedHashMap<>(attributes),
        "k" + id,
        "test",
        null);
  }
}
