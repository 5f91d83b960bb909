package io.expansion.playbook.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.expansion.playbook.support.DeliveryFaults;
import io.expansion.playbook.support.DeliveryFaults.Mode;
import io.expansion.playbook.support.DeliveryFaultsConfiguration;
import io.expansion.playbook.support.EffectRows;
import io.expansion.playbook.support.Fixtures;
import io.expansion.playbook.support.JourneyTestBase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestConstructor;

/**
 * Zeebe delivers jobs at least once. Full journeys run twice — once as in production, once with a
 * fault on every job — and must leave the same side effects, exactly once, on the same path:
 *
 * <ul>
 *   <li>every job handled twice (the completion of the first handling is lost);
 *   <li>every job failing after its side effects on the first delivery, then retried.
 * </ul>
 *
 * <p>Scenarios: accepted after a discount approval with an adjusted discount, declined at the value
 * review, an in-app touch accepted, a CSM outreach declined, and a quote blocked by a guardrail.
 */
@Import(DeliveryFaultsConfiguration.class)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class JobRedeliveryTest extends JourneyTestBase {

  private final DeliveryFaults faults;

  JobRedeliveryTest(ApplicationContext context, DeliveryFaults faults) {
    super(context);
    this.faults = faults;
  }

  /** Its own database: another test context's recovery must not pick up these journeys. */
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:redelivery;DB_CLOSE_DELAY=-1");
  }

  @AfterEach
  void backToNormal() {
    faults.mode(Mode.NORMAL);
  }

  /** A full journey, from the first signal back to waiting for the next one. */
  enum Scenario {
    ACCEPTED_WITH_DISCOUNT_APPROVAL(
        Set.of("create-quote", "provision-offer", "user-task-created", "record-outcome")),
    DECLINED(Set.of("build-value-snapshot", "record-outcome")),
    IN_APP_TOUCH_ACCEPTED(
        Set.of(
            "send-touch",
            "open-answer-window",
            "record-touch-answer",
            "create-quote",
            "provision-offer")),
    CSM_OUTREACH_DECLINED(Set.of("send-touch", "user-task-created", "record-outcome")),
    QUOTE_BLOCKED_BY_GUARDRAIL(Set.of("create-quote", "record-outcome"));

    final Set<String> jobTypesOnPath;

    Scenario(Set<String> specific) {
      this.jobTypesOnPath = specific;
    }
  }

  private static final Set<String> EVERY_JOURNEY_JOBS =
      Set.of(
          "load-guardrails",
          "score-account",
          "check-eligibility",
          "check-consent",
          "select-next-best-offer",
          "send-touch",
          "journey-checkpoint");

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void everyJobHandledTwiceLeavesEachSideEffectOnce(Scenario scenario) {
    assertSameEffectsUnder(Mode.REDELIVER, scenario);
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void everyJobFailingAfterItsSideEffectLeavesEachSideEffectOnce(Scenario scenario) {
    assertSameEffectsUnder(Mode.FAIL_AFTER_SIDE_EFFECT, scenario);
  }

  private void assertSameEffectsUnder(Mode mode, Scenario scenario) {
    var runs = faults.compare(mode, () -> run(scenario));
    Effects expected = runs.expected();
    Effects actual = runs.actual();

    assertThat(runs.faulted().keySet())
        .as("every job type on the path got the fault")
        .containsAll(EVERY_JOURNEY_JOBS)
        .containsAll(scenario.jobTypesOnPath);
    assertThat(actual.path()).as("path by element ids").isEqualTo(expected.path());
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.touches()).hasSize(1);
    assertThat(actual.offers()).hasSize(1);
    assertThat(actual.revenue())
        .as("one ledger row per provisioned offer")
        .hasSize(scenario.jobTypesOnPath.contains("provision-offer") ? 1 : 0);
  }

  private Effects run(Scenario scenario) {
    String account =
        scenario == Scenario.IN_APP_TOUCH_ACCEPTED
            ? fixtures.account(
                "one-year",
                new BigDecimal("60.00"),
                20,
                "Mailed check",
                List.of("PHONE", "INTERNET_DSL", "STREAMING_TV", "CONTRACT_ONE_YEAR"),
                Fixtures.allChannels(true))
            : fixtures.healthyAccount(Fixtures.allChannels(true));
    if (scenario == Scenario.IN_APP_TOUCH_ACCEPTED) {
      fixtures.inDaytime(account, java.time.Instant.now());
    }
    String journey =
        scenario == Scenario.IN_APP_TOUCH_ACCEPTED
            ? signal(account, "license_utilization", Map.of("utilizationPct", 85)).journeyId()
            : signal(account, "intent", Map.of("topic", "pricing_page")).journeyId();
    switch (scenario) {
      case ACCEPTED_WITH_DISCOUNT_APPROVAL -> {
        complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
        complete(
            account,
            ExpansionJourney.PROVE_VALUE,
            Map.of("customerResponse", "interested", "requestedDiscountPct", 25));
        complete(
            account,
            ExpansionJourney.APPROVE_DISCOUNT,
            Map.of("approvalDecision", "approve", "adjustedDiscountPct", 18));
      }
      case DECLINED -> {
        complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
        complete(account, ExpansionJourney.PROVE_VALUE, Map.of("customerResponse", "declined"));
      }
      case IN_APP_TOUCH_ACCEPTED -> {
        // The fibre upgrade is not self-serve: accepted in the product, reviewed with the CSM.
        answerInApp(account, "accepted");
        complete(
            account,
            ExpansionJourney.PROVE_VALUE,
            Map.of("customerResponse", "interested", "requestedDiscountPct", 5));
      }
      case CSM_OUTREACH_DECLINED ->
          complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "declined"));
      case QUOTE_BLOCKED_BY_GUARDRAIL -> {
        complete(account, ExpansionJourney.CSM_OUTREACH, Map.of("outreachResult", "interested"));
        awaitTask(account, ExpansionJourney.PROVE_VALUE);
        // The DSL line the fibre upgrade requires is cancelled before the quote.
        jdbc.sql(
                "DELETE FROM account_products WHERE account_id = ? AND product_code ="
                    + " 'INTERNET_DSL'")
            .param(account)
            .update();
        complete(
            account,
            ExpansionJourney.PROVE_VALUE,
            Map.of("customerResponse", "interested", "requestedDiscountPct", 10));
      }
    }
    long instance = awaitAt(journey, ExpansionJourney.AWAIT_SIGNAL).processInstanceKey();
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .until(() -> records.activated(instance).contains(ExpansionJourney.AWAIT_SIGNAL));
    return effects(account, journey);
  }

  /** Everything the journey left behind, with the ids that differ between runs taken out. */
  record Effects(
      List<String> path,
      List<String> decisions,
      List<String> touches,
      List<String> outbox,
      List<String> offers,
      List<String> quotes,
      List<String> products,
      String plan,
      List<String> tasks,
      List<String> revenue) {}

  private Effects effects(String account, String journey) {
    return new Effects(
        completed(journey),
        rows(
            "SELECT rule || ' ' || outcome || ' ' || COALESCE(business_key, '-') FROM decisions"
                + " WHERE account_id = ?",
            account,
            journey),
        rows("SELECT play || ' ' || channel FROM touches WHERE account_id = ?", account, journey),
        rows(
            "SELECT o.channel || ' ' || o.status FROM outbox o JOIN touches t ON t.id = o.touch_id"
                + " WHERE t.account_id = ?",
            account,
            journey),
        rows(
            "SELECT offer_code || ' ' || status || ' ' || COALESCE(CAST(discount AS VARCHAR(20)),"
                + " '-') || ' ' || COALESCE(CAST(revenue_delta AS VARCHAR(20)), '-') FROM offers"
                + " WHERE account_id = ?",
            account,
            journey),
        rows(
            "SELECT business_key || ' ' || CAST(discount AS VARCHAR(20)) || ' '"
                + " || CAST(net_price AS VARCHAR(20)) || ' ' || status || ' ' || origin FROM quotes"
                + " WHERE account_id = ?",
            account,
            journey),
        rows("SELECT product_code FROM account_products WHERE account_id = ?", account, journey),
        rows(
                "SELECT plan_tier || ' ' || contract_type || ' ' || CAST(mrr AS VARCHAR(20)) FROM"
                    + " accounts WHERE id = ?",
                account,
                journey)
            .toString(),
        rows(
            "SELECT element_id || ' ' || status FROM user_tasks WHERE account_id = ?",
            account,
            journey),
        rows(
            "SELECT type || ' ' || CAST(amount AS VARCHAR(20)) || ' ' || source || ' '"
                + " || business_key FROM revenue_movements WHERE account_id = ?",
            account,
            journey));
  }

  private List<String> rows(String sql, String account, String journey) {
    return EffectRows.of(jdbc, sql, account);
  }
}
