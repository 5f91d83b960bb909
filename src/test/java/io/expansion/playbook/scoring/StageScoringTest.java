package io.expansion.playbook.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.accounts.Account;
import io.expansion.playbook.signals.Signal;
import io.expansion.playbook.support.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The configured score card per lifecycle stage, with the weights of application.yml. */
class StageScoringTest {

  private final OffsetDateTime now = OffsetDateTime.parse("2026-06-01T10:00:00Z");
  private final ScoringProperties properties = applicationYml();
  private long signalIds;

  static ScoringProperties applicationYml() {
    try {
      StandardEnvironment environment = new StandardEnvironment();
      new YamlPropertySourceLoader()
          .load("application", new ClassPathResource("application.yml"))
          .forEach(environment.getPropertySources()::addLast);
      return new Binder(ConfigurationPropertySources.get(environment))
          .bind("expansion.scoring", ScoringProperties.class)
          .get();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Account account(String contract, int tenure, int licencesUsed, LocalDate renewal) {
    return Fixtures.unscoredAccount(
        "A", "dsl", contract, new BigDecimal("60"), licencesUsed, tenure, renewal, "{}", now);
  }

  private HealthModel.Result score(
      Account account, Map<String, Object> attributes, Set<String> products, List<Signal> signals) {
    AccountSnapshot snapshot = new AccountSnapshot(account, attributes, products, signals, now);
    String stage =
        ScoringModel.lifecycleStage(
            account, now, properties.onboardingMonths(), properties.preRenewalDays());
    return HealthModel.configured(snapshot, stage, properties.stages().of(stage), "config-test");
  }

  private Signal signal(String type, Map<String, Object> attributes) {
    return new Signal(++signalIds, "A", type, now, now, attributes, null, "STORED", null);
  }

  private static int sum(HealthModel.Result r) {
    return r.contributions().stream().mapToInt(Contribution::points).sum();
  }

  @Test
  void weightsComeFromApplicationYml() {
    assertThat(properties.stages().onboarding().weights().milestones()).isEqualTo(20);
    assertThat(properties.stages().established().weights().openSupportCases()).isEqualTo(15);
    assertThat(properties.stages().preRenewal().weights().championLeft()).isEqualTo(20);
    assertThat(properties.calibration().protectedAttributes()).contains("female", "senior_citizen");
  }

  @Test
  void stageFollowsTenureAndRenewalDate() {
    assertThat(ScoringModel.lifecycleStage(account("one-year", 2, 4, null), now, 3, 90))
        .isEqualTo("onboarding");
    assertThat(
            ScoringModel.lifecycleStage(
                account("one-year", 20, 4, LocalDate.parse("2026-08-01")), now, 3, 90))
        .isEqualTo("pre-renewal");
    assertThat(
            ScoringModel.lifecycleStage(
                account("one-year", 20, 4, LocalDate.parse("2026-12-01")), now, 3, 90))
        .isEqualTo("established");
    assertThat(
            ScoringModel.lifecycleStage(
                account("one-year", 20, 4, LocalDate.parse("2026-12-01")), now, 3, 200))
        .isEqualTo("pre-renewal");
  }

  @Test
  void healthIsTheSumOfNamedContributionsWithTheStageWeights() {
    HealthModel.Result r =
        score(
            account("month-to-month", 2, 1, null),
            Map.of("payment_method", "Electronic check"),
            Set.of("INTERNET_FIBER"),
            List.of());
    assertThat(r.stage()).isEqualTo("onboarding");
    assertThat(r.points())
        .containsEntry("baseline", 60)
        .containsEntry("contract", -10)
        .containsEntry("payment_method", -10)
        .containsEntry("fibre_month_to_month", -5)
        .containsEntry("milestones", 0);
    assertThat(r.health()).isEqualTo(sum(r)).isLessThan(40);
    Contribution contract =
        r.contributions().stream().filter(c -> c.factor().equals("contract")).findFirst().get();
    assertThat(contract.input()).isEqualTo("month-to-month");
    assertThat(contract.weight()).isEqualTo(20.0);
    assertThat(contract.source()).isEqualTo("config");
  }

  @Test
  void onboardingMilestonesWeighMoreThanLaterOn() {
    List<Signal> milestones =
        List.of(
            signal("milestone_reached", Map.of("milestone", "setup_done")),
            signal("milestone_reached", Map.of("milestone", "first_value")));
    HealthModel.Result onboarding =
        score(account("one-year", 1, 4, null), Map.of(), Set.of(), milestones);
    HealthModel.Result established =
        score(account("one-year", 20, 4, null), Map.of(), Set.of(), milestones);
    assertThat(onboarding.points()).containsEntry("milestones", 10); // 2 of 4 x 20
    assertThat(established.points()).containsEntry("milestones", 3); // 2 of 4 x 5, rounded
  }

  @Test
  void supportCasesCountOpenedMinusClosedByCaseId() {
    Account account = account("one-year", 20, 4, null);
    List<Signal> signals = new ArrayList<>();
    signals.add(signal("support_case_opened", Map.of("caseId", "C1", "priority", "P1")));
    signals.add(signal("support_case_opened", Map.of("caseId", "C2", "priority", "P3")));
    signals.add(signal("support_case_closed", Map.of("caseId", "C1")));
    HealthModel.Result r = score(account, Map.of(), Set.of(), signals.reversed());
    Contribution open =
        r.contributions().stream()
            .filter(c -> c.factor().equals("open_support_cases"))
            .findFirst()
            .get();
    assertThat(open.input()).isEqualTo(1);
    assertThat(open.points()).isEqualTo(-4); // P3 = 0.5 of 2 -> -0.25 x 15, rounded
    assertThat(r.health()).isEqualTo(sum(r));
  }

  @Test
  void secondarySignalsLowerHealthByTheirConfiguredWeight() {
    Account account = account("one-year", 20, 4, null);
    HealthModel.Result calm = score(account, Map.of(), Set.of(), List.of());
    HealthModel.Result troubled =
        score(
            account,
            Map.of(),
            Set.of(),
            List.of(
                signal("sla_breached", Map.of("caseId", "C9")),
                signal("nps_response", Map.of("score", 3)),
                signal("invoice_overdue", Map.of("invoiceId", "I1", "daysOverdue", 45)),
                signal("champion_left", Map.of())));
    assertThat(troubled.points())
        .containsEntry("sla_breaches", -10)
        .containsEntry("nps", -10)
        .containsEntry("overdue_invoices", -10)
        .containsEntry("champion_left", -15);
    assertThat(calm.health() - troubled.health()).isEqualTo(45);
  }

  @Test
  void usageAndUtilisationSignalsArePrimaryFactors() {
    Account account = account("one-year", 20, 4, null); // 8 seats in the fixture
    HealthModel.Result r =
        score(
            account,
            Map.of(),
            Set.of(),
            List.of(
                signal("product_usage", Map.of("activeUsers", 8, "logins", 120)),
                signal("product_usage", Map.of("featureAdopted", "reports")),
                signal("license_utilization", Map.of("utilizationPct", 100))));
    assertThat(r.points())
        .containsEntry("active_users", 15)
        .containsEntry("logins", 5)
        .containsEntry("feature_adoption", 2)
        .containsEntry("licence_utilisation", 10);
    assertThat(r.contributions())
        .filteredOn(c -> c.factor().equals("active_users"))
        .allMatch(c -> c.group().equals("primary"));
  }

  @Test
  void scoresKeepTheirDmnInputsAndTheRenewalWindowInTheFuture() {
    Account inside = account("one-year", 20, 4, LocalDate.parse("2026-07-01"));
    AccountSnapshot snapshot =
        new AccountSnapshot(
            inside, Map.of(), Set.of(), List.of(signal("intent", Map.of("topic", "x"))), now);
    AccountScores scores =
        ScoringModel.score(
            snapshot,
            HealthModel.configured(
                snapshot, "pre-renewal", properties.stages().preRenewal(), "config-test"));
    assertThat(scores.intentScore()).isEqualTo(60);
    assertThat(scores.valueScore()).isEqualTo(50);
    assertThat(scores.lifecycleStage()).isEqualTo("pre-renewal");
    assertThat(scores.healthModelVersion()).isEqualTo("config-test");
    assertThat(OffsetDateTime.parse(scores.renewalWindowAt())).isAfter(now);
    assertThat(scores.health())
        .isEqualTo(scores.healthFactors().values().stream().mapToInt(i -> i).sum());
    Account ahead = account("one-year", 20, 4, LocalDate.parse("2026-12-01"));
    assertThat(ScoringModel.renewalWindowAt(ahead, now)).startsWith("2026-09-02T09:00");
  }
}
