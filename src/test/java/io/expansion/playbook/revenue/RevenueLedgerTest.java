package io.expansion.playbook.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expansion.playbook.accounts.AccountRevenue;
import io.expansion.playbook.accounts.BookImporter;
import io.expansion.playbook.accounts.BookMappings;
import io.expansion.playbook.accounts.ImportResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger seeded by imports and written by billing events, on a hand-built book. */
@LedgerSlice
class RevenueLedgerTest {

  private final BookImporter importer;
  private final BookMappings mappings;
  private final RevenueMovements movements;
  private final BillingEvents billing;
  private final AccountRevenue accounts;
  private final LedgerSlice.MovableClock clock;
  private final JdbcClient jdbc;

  RevenueLedgerTest(
      BookImporter importer,
      BookMappings mappings,
      RevenueMovements movements,
      BillingEvents billing,
      AccountRevenue accounts,
      LedgerSlice.MovableClock clock,
      JdbcClient jdbc) {
    this.importer = importer;
    this.mappings = mappings;
    this.movements = movements;
    this.billing = billing;
    this.accounts = accounts;
    this.clock = clock;
    this.jdbc = jdbc;
  }

  @Test
  void anImportSeedsNewAtImportDateMinusTenureAndChurnOnTheImportDate() {
    clock.set("2025-12-15T10:00:00Z");
    new CrmBook()
        .account("L-A", "100.00", 12, "Active", "csm-a")
        .account("L-C", "300.00", 24, "Churned", "csm-b")
        .account("L-Z", "0.00", 5, "Active", "csm-b")
        .importWith(importer, mappings, "run-1");

    assertThat(rows("L-A")).containsExactly("new 2024-12-15 100.00 0.00->100.00 import run-1");
    assertThat(rows("L-C"))
        .containsExactly(
            "new 2023-12-15 300.00 0.00->300.00 import run-1",
            "churn 2025-12-15 -300.00 300.00->0.00 import run-1");
    assertThat(rows("L-Z")).as("no MRR, no movement").isEmpty();
  }

  @Test
  void aReImportWritesTheChangeOfMrrOnItsDateAndNothingForUnchangedRows() {
    clock.set("2025-12-15T10:00:00Z");
    book("100.00", "200.00", "Churned", "Active")
        .account("R-E", "70.00", 1, "Active", "csm-x")
        .importWith(importer, mappings, "run-1");

    clock.set("2026-01-10T08:00:00Z");
    ImportResult same =
        book("100.00", "200.00", "Churned", "Active")
            .account("R-E", "70.00", 1, "Active", "csm-x")
            .importWith(importer, mappings, "run-2");
    assertThat(same.unchanged()).isEqualTo(5);

    clock.set("2026-02-01T08:00:00Z");
    // A up, B down, C back (reactivated), D churned; E changes its CSM but not its MRR.
    ImportResult changed =
        book("150.00", "180.00", "Active", "Churned")
            .account("R-E", "70.00", 1, "Active", "csm-y")
            .importWith(importer, mappings, "run-3");
    assertThat(changed.updated()).isEqualTo(5);

    assertThat(rows("R-A"))
        .last()
        .isEqualTo("expansion 2026-02-01 50.00 100.00->150.00 import run-3");
    assertThat(rows("R-B"))
        .last()
        .isEqualTo("contraction 2026-02-01 -20.00 200.00->180.00 import run-3");
    assertThat(rows("R-C"))
        .containsExactly(
            "new 2023-12-15 300.00 0.00->300.00 import run-1",
            "churn 2025-12-15 -300.00 300.00->0.00 import run-1",
            "reactivation 2026-02-01 300.00 0.00->300.00 import run-3");
    assertThat(rows("R-D")).last().isEqualTo("churn 2026-02-01 -400.00 400.00->0.00 import run-3");
    assertThat(rows("R-E")).hasSize(1);
    assertThat(movements.count(new RevenueMovements.Filter(null, null, null, null)))
        .as("2 seeded for C, 1 each for A, B, D, E; then 4 changes of MRR")
        .isEqualTo(10);
  }

  @Test
  void billingEventsChangeTheAccountAndWriteOneRowEachAndRevertCleanly() {
    clock.set("2025-12-15T10:00:00Z");
    book("100.00", "200.00", "Churned", "Active").importWith(importer, mappings, null);
    LocalDate day = LocalDate.parse("2026-01-05");

    BillingEvents.Applied up =
        billing.subscriptionChanged(1, "R-A", day, new BigDecimal("120.5"), "seats added");
    assertThat(rows("R-A")).last().isEqualTo("expansion 2026-01-05 20.50 100.00->120.50 signal -");
    assertThat(state("R-A")).as("an unknown churn flag stays unknown").isEqualTo("120.50 null");

    billing.subscriptionChanged(2, "R-B", day, BigDecimal.ZERO, null);
    assertThat(rows("R-B")).last().isEqualTo("churn 2026-01-05 -200.00 200.00->0.00 signal -");
    assertThat(state("R-B")).isEqualTo("0.00 true");

    billing.accountChurned(3, "R-D", day, "moved to a competitor");
    assertThat(rows("R-D")).last().isEqualTo("churn 2026-01-05 -400.00 400.00->0.00 signal -");
    assertThat(state("R-D")).as("the last MRR is kept").isEqualTo("400.00 true");
    assertThat(billing.accountChurned(4, "R-D", day, "again").movementId())
        .as("already churned")
        .isNull();

    billing.renewalClosed(5, "R-C", day, true, null);
    assertThat(rows("R-C"))
        .last()
        .isEqualTo("reactivation 2026-01-05 300.00 0.00->300.00 signal -");
    billing.renewalClosed(6, "R-C", day, true, new BigDecimal("280"));
    assertThat(rows("R-C"))
        .last()
        .isEqualTo("contraction 2026-01-05 -20.00 300.00->280.00 signal -");
    billing.renewalClosed(7, "R-C", day, false, null);
    assertThat(rows("R-C")).last().isEqualTo("churn 2026-01-05 -280.00 280.00->0.00 signal -");

    billing.revert(up);
    assertThat(rows("R-A")).hasSize(1);
    assertThat(state("R-A")).isEqualTo("100.00 null");
  }

  @Test
  void theDatabaseRefusesAMovementThatContradictsItsType() {
    clock.set("2025-12-15T10:00:00Z");
    book("100.00", "200.00", "Churned", "Active").importWith(importer, mappings, null);
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        """
                        INSERT INTO revenue_movements (business_key, account_id, type,
                          effective_date, amount, mrr_before, mrr_after, source, recorded_at)
                        VALUES ('bad', 'R-A', 'expansion', DATE '2026-01-01', -10, 100, 90,
                          'signal', CURRENT_TIMESTAMP)
                        """)
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(MovementType.between(BigDecimal.TEN, false, BigDecimal.TEN)).isEmpty();
    assertThat(MovementType.between(BigDecimal.ZERO, false, BigDecimal.TEN))
        .contains(MovementType.NEW);
    assertThat(MovementType.between(BigDecimal.ZERO, true, BigDecimal.TEN))
        .contains(MovementType.REACTIVATION);
  }

  private static CrmBook book(String a, String b, String cStatus, String dStatus) {
    return new CrmBook()
        .account("R-A", a, 12, "Active", "csm-a")
        .account("R-B", b, 6, "Active", "csm-b")
        .account("R-C", "300.00", 24, cStatus, "csm-b")
        .account("R-D", "400.00", 3, dStatus, "csm-a");
  }

  private List<String> rows(String accountId) {
    return movements.forAccount(accountId).stream()
        .map(
            m ->
                m.type()
                    + " "
                    + m.effectiveDate()
                    + " "
                    + m.amount()
                    + " "
                    + m.mrrBefore()
                    + "->"
                    + m.mrrAfter()
                    + " "
                    + m.source()
                    + " "
                    + (m.importId() == null ? "-" : m.importId()))
        .toList();
  }

  private String state(String accountId) {
    AccountRevenue.State s = accounts.lock(accountId).orElseThrow();
    return s.mrr() + " " + s.churned();
  }
}
