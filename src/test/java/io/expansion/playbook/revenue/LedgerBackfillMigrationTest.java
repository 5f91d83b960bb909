package io.expansion.playbook.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A database from before the ledger gets its accounts seeded by {@code V11_1} on upgrade. */
class LedgerBackfillMigrationTest {

  @Test
  void accountsImportedBeforeTheLedgerAreSeededOnceAtUpgrade() {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:ledger-backfill;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(db).target("11").load().migrate();
    JdbcClient jdbc = JdbcClient.create(db);
    account(jdbc, "OLD-1", "70.50", 10, false);
    account(jdbc, "OLD-2", "30.00", 2, true);
    account(jdbc, "OLD-3", "0.00", 5, false);
    jdbc.sql(
            "INSERT INTO account_import_rows (account_id, mapping, row_hash, imported_at)"
                + " VALUES ('OLD-1', 'telco', 'h', TIMESTAMP WITH TIME ZONE '2025-06-30 23:30:00+00')")
        .update();

    Flyway.configure().dataSource(db).load().migrate();

    List<String> rows =
        jdbc.sql(
                "SELECT account_id || ' ' || type || ' ' || CAST(effective_date AS VARCHAR(10)) || ' '"
                    + " || CAST(amount AS VARCHAR(20)) FROM revenue_movements ORDER BY account_id, id")
            .query(String.class)
            .list();
    assertThat(rows)
        .containsExactly(
            "OLD-1 new 2024-08-30 70.50",
            "OLD-2 new 2025-11-01 30.00",
            "OLD-2 churn 2026-01-01 -30.00");
  }

  private static void account(JdbcClient jdbc, String id, String mrr, int tenure, boolean churned) {
    jdbc.sql(
            """
            INSERT INTO accounts (id, name, source, plan_tier, contract_type, mrr, seats,
              licences_used, tenure_months, lifecycle_stage, owner_csm, churned, created_at,
              updated_at)
            VALUES (?, ?, 'test', 'dsl', 'one-year', ?, 8, 2, ?, 'established', 'csm-01', ?,
              TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00',
              TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00')
            """)
        .params(id, "Account " + id, new java.math.BigDecimal(mrr), tenure, churned)
        .update();
  }
}
