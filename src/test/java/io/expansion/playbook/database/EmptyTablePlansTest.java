package io.expansion.playbook.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestConstructor;

/**
 * H2 keeps a connection's parsed statements (its query cache) with the plan it made the first time,
 * however much the tables grow afterwards. The app's hottest statements are first planned at
 * start-up, on empty tables, so each must find its selective index there already; a plan that picks
 * a weaker index (as the journey step update once did with the index on status) turns a lookup into
 * a scan of every active journey for the connection's lifetime. PostgreSQL plans with live
 * statistics and does not take part.
 */
@JdbcTest
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class EmptyTablePlansTest {

  private final JdbcClient jdbc;
  private final boolean h2;

  EmptyTablePlansTest(JdbcClient jdbc, DataSource dataSource) throws SQLException {
    this.jdbc = jdbc;
    try (Connection c = dataSource.getConnection()) {
      this.h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
    }
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PROCESS_INSTANCE_KEY = | UPDATE journeys SET current_element = 'x' WHERE"
            + " process_instance_key = 1 AND status = 'ACTIVE'",
        "ACCOUNT_ID = | SELECT id FROM journeys WHERE account_id = 'a' AND process_id = 'p'"
            + " AND status = 'ACTIVE'",
        "ID = | UPDATE journeys SET variables = 'x' WHERE id = 'j' AND status = 'ACTIVE'",
        "ACCOUNT_ID = | SELECT MAX(health) FROM health_scores WHERE account_id = 'a'"
            + " AND scored_at >= CURRENT_TIMESTAMP",
        "ACCOUNT_ID = | SELECT id FROM contacts WHERE account_id = 'a' AND is_primary = TRUE",
        "ACCOUNT_ID = | SELECT id FROM offers WHERE account_id = 'a' AND offer_code = 'o'"
            + " AND status = 'PROPOSED'",
        "ACCOUNT_ID = | SELECT id FROM user_tasks WHERE account_id = 'a' AND status = 'OPEN'",
        "BUSINESS_KEY = | SELECT COUNT(*) FROM decisions WHERE business_key = 'k'",
      })
  void aHotStatementPlannedOnAnEmptyTableUsesItsSelectiveIndex(String condition, String sql) {
    assumeThat(h2).as("H2's query cache keeps first plans; PostgreSQL re-plans").isTrue();

    String plan = jdbc.sql("EXPLAIN " + sql).query(String.class).single();

    // H2 names the index and the conditions it looks up: /* PUBLIC.IX_X: ACCOUNT_ID = 'a' */
    assertThat(plan)
        .containsPattern("/\\* PUBLIC\\.\\w+: [^*]*" + condition)
        .doesNotContain("tableScan");
  }
}
