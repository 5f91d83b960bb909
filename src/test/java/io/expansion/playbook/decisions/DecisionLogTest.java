package io.expansion.playbook.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestConstructor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision log's one-statement insert (check the business key and insert together), on H2 and
 * on PostgreSQL: a key is recorded once, an unkeyed decision every time, and a repeated key inside
 * a transaction leaves the transaction usable.
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class DecisionLogTest {

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final DecisionLog log;

  DecisionLogTest(JdbcClient jdbc, PlatformTransactionManager tm) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(tm);
    this.log = new DecisionLog(jdbc, new ObjectMapper(), Clock.systemUTC());
  }

  @Test
  void aBusinessKeyIsRecordedOnceAndItsFirstRowKept() {
    String key = "test-" + System.nanoTime();

    assertThat(log.record(key, "acc-1", null, "rule-a", "first", "why", Map.of("n", 1))).isTrue();
    assertThat(log.record(key, "acc-1", null, "rule-a", "second", "why", Map.of("n", 2))).isFalse();

    assertThat(log.exists(key)).isTrue();
    assertThat(
            jdbc.sql("SELECT outcome, inputs, actor FROM decisions WHERE business_key = ?")
                .param(key)
                .query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                .list())
        .containsExactly("first {\"n\":1} system");
  }

  @Test
  void decisionsWithoutAKeyAreAllRecorded() {
    String account = "acc-" + System.nanoTime();

    assertThat(log.record(null, account, "j-1", "rule-b", "yes", "one", null)).isTrue();
    assertThat(log.record(null, account, "j-1", "rule-b", "yes", "two", Map.of())).isTrue();

    assertThat(log.forAccount(account, 10))
        .extracting(Decision::rationale, Decision::journeyId)
        .containsExactly(tuple("two", "j-1"), tuple("one", "j-1"));
  }

  @Test
  void aRepeatedKeyInsideATransactionLeavesItUsable() {
    String key = "test-" + System.nanoTime();
    log.record(key, "acc-2", null, "rule-c", "first", "why", Map.of());

    Boolean recordedAfter =
        transaction.execute(
            status -> {
              boolean again = log.record(key, "acc-2", null, "rule-c", "again", "why", Map.of());
              boolean next =
                  log.record(key + "-next", "acc-2", null, "rule-c", "next", "why", Map.of());
              return !again && next;
            });

    assertThat(recordedAfter).isTrue();
    assertThat(log.exists(key + "-next")).isTrue();
  }
}
