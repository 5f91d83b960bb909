package io.expansion.playbook.accounts;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Published by the importer <em>inside</em> the transaction that wrote a chunk of new and changed
 * accounts (unchanged rows are not in it), so a synchronous {@code @EventListener} that writes
 * takes part in that transaction: its rows are stored with the accounts or not at all.
 *
 * @param importId the import run; {@code null} for an untracked import
 * @param importedAt the import's time stamp, the same for every row of the run
 */
public record AccountsImported(
    String importId, OffsetDateTime importedAt, List<ImportedAccount> accounts) {

  /** What the database held for an account before the row. */
  interface Previous {
    BigDecimal mrr();

    Boolean churned();
  }

  /**
   * One account as written.
   *
   * @param fresh true when the account did not exist before this row
   * @param previousMrr the MRR before this row; {@code null} for a fresh account
   * @param previousChurned the churn flag before this row ({@code null}: unknown or fresh)
   */
  public record ImportedAccount(
      String accountId,
      int tenureMonths,
      BigDecimal mrr,
      Boolean churned,
      boolean fresh,
      BigDecimal previousMrr,
      Boolean previousChurned) {

    /** The account as written; {@code before} is {@code null} for a fresh account. */
    static ImportedAccount of(Account written, boolean fresh, Previous before) {
      return new ImportedAccount(
          written.id(),
          written.tenureMonths(),
          written.mrr(),
          written.churned(),
          fresh,
          before == null ? null : before.mrr(),
          before == null ? null : before.churned());
    }
  }
}
