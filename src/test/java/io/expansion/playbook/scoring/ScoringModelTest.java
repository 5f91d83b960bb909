package io.expansion.playbook.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.signals.Signal;
import io.expansion.playbook.support.Fixtures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoringModelTest {

  private final OffsetDateTime now = OffsetDateTime.parse("2026-06-01T10:00:00Z");

  private Account account(String contract, int tenure, String mrr, LocalDate renewal) {
    return Fixtures.unscoredAccount(
        "A", "dsl", contract, new BigDecimal(mrr), 4, tenure, renewal, "{}", now);
  }

  @Test
  void healthIsTheSumOfNamedFactors() {
    AccountScores s =
        ScoringModel.score(
            account("month-to-month", 2, "70", null),
            Map.of("payment_method", "Electronic check"),
            Set.of("INTERNET_FIBER"),
            List.of(),
            now);
    assertThat(s.healthFactors())
        .containsEntry("contract", -10)
        .containsEntry("payment_method", -10)
        .containsEntry("fibre_month_to_month", -5);
    assertThat(s.health()).isEqualTo(s.healthFactors().values().stream().mapToInt(i -> i).sum());
    assertThat(s.lifecycleStage()).isEqualTo("onboarding");
  }

  @Test
  void intentAndSupportSignalsMoveTheScores() {
    Signal intent = signal("intent", Map.of());
    Signal breach = signal("sla_breached", Map.of());
    AccountScores calm =
        ScoringModel.score(account("one-year", 20, "60", null), Map.of(), Set.of(), List.of(), now);
    AccountScores busy =
        ScoringModel.score(
            account("one-year", 20, "60", null), Map.of(), Set.of(), List.of(intent, breach), now);
    assertThat(busy.intentScore()).isEqualTo(60).isGreaterThan(calm.intentScore());
    assertThat(busy.health()).isEqualTo(calm.health() - 10);
    assertThat(calm.valueScore()).isEqualTo(50);
  }

  @Test
  void renewalWindowIsAlwaysInTheFuture() {
    AccountScores inside =
        ScoringModel.score(
            account("one-year", 20, "60", LocalDate.parse("2026-07-01")),
            Map.of(),
            Set.of(),
            List.of(),
            now);
    assertThat(OffsetDateTime.parse(inside.renewalWindowAt())).isAfter(now);
    assertThat(inside.lifecycleStage()).isEqualTo("pre-renewal");
    AccountScores ahead =
        ScoringModel.score(
            account("one-year", 20, "60", LocalDate.parse("2026-12-01")),
            Map.of(),
            Set.of(),
            List.of(),
            now);
    assertThat(ahead.renewalWindowAt()).startsWith("2026-09-02T09:00");
  }

  private Signal signal(String type, Map<String, Object> attributes) {
    return new Signal(1, "A", type, now, now, attributes, null, "STORED", null);
  }
}
