package io.expansion.playbook.accounts;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An account's MRR and churn flag, read under the account's row lock and changed by billing and CRM
 * events (the revenue ledger records each change). Call inside a transaction.
 */
@Repository
public class AccountRevenue {

  /**
   * The account's revenue state.
   *
   * @param mrr the contracted MRR (kept as the last one while the account is churned)
   * @param churned the churn flag; {@code null} when unknown
   */
  public record State(String accountId, BigDecimal mrr, Boolean churned) {

    public boolean isChurned() {
      return Boolean.TRUE.equals(churned);
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  public AccountRevenue(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Locks the account row ({@code SELECT … FOR UPDATE}) and reads its MRR and churn flag. */
  public Optional<State> lock(String accountId) {
    return jdbc.sql("SELECT id, mrr, churned FROM accounts WHERE id = :id FOR UPDATE")
        .param("id", accountId)
        .query(
            (rs, n) ->
                new State(
                    rs.getString("id"),
                    rs.getBigDecimal("mrr"),
                    rs.getObject("churned", Boolean.class)))
        .optional();
  }

  /**
   * Sets MRR and churn flag.
   *
   * @throws IllegalArgumentException if the account does not exist
   */
  public void update(String accountId, BigDecimal mrr, Boolean churned) {
    int updated =
        jdbc.sql(
                """
                UPDATE accounts SET mrr = :mrr, churned = :churned, updated_at = :now
                WHERE id = :id
                """)
            .param("mrr", mrr)
            .param("churned", churned, Types.BOOLEAN)
            .param("now", OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS))
            .param("id", accountId)
            .update();
    if (updated == 0) {
      throw new IllegalArgumentException("Unknown account: " + accountId);
    }
  }
}
