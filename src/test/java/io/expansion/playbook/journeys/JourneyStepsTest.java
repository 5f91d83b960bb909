package io.expansion.playbook.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.support.Fixtures;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestConstructor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The journeys' current steps, written in batches: only the latest step of each journey reaches the
 * table, a checkpoint is never overwritten by a step noted before it, and an ended journey keeps
 * the element it ended at. Runs on H2 and on PostgreSQL.
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class JourneyStepsTest {

  private static final AtomicLong KEYS = new AtomicLong(System.nanoTime());
  private static final OffsetDateTime T0 =
      OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final Journeys journeys;
  private final Accounts accounts;

  /** Flushed by the test only: an interval far longer than any test. */
  private final JourneySteps batched;

  private String accountId;

  private final PlatformTransactionManager transactions;

  JourneyStepsTest(
      JdbcClient jdbc,
      JdbcTemplate template,
      NamedParameterJdbcTemplate named,
      PlatformTransactionManager transactions) {
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.template = template;
    this.journeys = new Journeys(jdbc);
    this.accounts = new Accounts(jdbc, named, Clock.systemUTC());
    this.batched = new JourneySteps(template, transactions, Duration.ofHours(1));
  }

  @BeforeEach
  void account() {
    accountId = "steps-" + KEYS.incrementAndGet();
    accounts.insert(
        Fixtures.unscoredAccount(
            accountId,
            "Starter",
            "annual",
            BigDecimal.TEN,
            5,
            12,
            LocalDate.of(2027, 6, 1),
            "{}",
            T0),
        List.of());
  }

  @Test
  void onlyTheLatestStepOfEachJourneyIsWrittenAndOnlyWhenFlushed() {
    long first = journey("expansion-journey");
    long second = journey("onboarding");

    batched.reached(first, "check-eligibility", T0.plusSeconds(1));
    batched.reached(first, "check-consent", T0.plusSeconds(2));
    batched.reached(second, "send-welcome", T0.plusSeconds(3));

    assertThat(element(first)).as("not written before the flush").isNull();
    batched.flush();
    assertThat(element(first)).isEqualTo("check-consent");
    assertThat(element(second)).isEqualTo("send-welcome");
  }

  @Test
  void aCheckpointWinsOverAStepNotedBeforeIt() {
    long key = journey("expansion-journey");
    String id = idOf(key);

    batched.reached(key, "send-touch", T0.plusSeconds(1));
    batched.supersede(key, () -> journeys.checkpoint(id, "AwaitSignal", "{}", T0.plusSeconds(1)));
    batched.flush();

    assertThat(element(key)).isEqualTo("AwaitSignal");
  }

  @Test
  void anEndedJourneyKeepsTheElementItEndedAt() {
    long key = journey("expansion-journey");

    batched.reached(key, "record-outcome", T0.plusSeconds(1));
    journeys.end(idOf(key), "EndWon", "won", T0.plusSeconds(2));
    batched.flush();

    assertThat(element(key)).isEqualTo("EndWon");
  }

  @Test
  void withoutAnIntervalEveryStepIsWrittenAtOnce() {
    JourneySteps direct = new JourneySteps(template, transactions, Duration.ZERO);
    long key = journey("expansion-journey");

    direct.reached(key, "score-account", T0.plusSeconds(1));

    assertThat(element(key)).isEqualTo("score-account");
  }

  private long journey(String processId) {
    long key = KEYS.incrementAndGet();
    String id = "j-" + key;
    assertThat(journeys.insertActive(id, accountId, processId, "{}", T0)).isTrue();
    journeys.attachInstance(id, key, 1, T0);
    return key;
  }

  private String idOf(long key) {
    return "j-" + key;
  }

  private String element(long key) {
    return jdbc.sql("SELECT current_element FROM journeys WHERE process_instance_key = ?")
        .param(key)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
