package io.expansion.playbook.accounts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Plan changes that provisioning applies to an account: products, contract and MRR together. */
@Repository
public class PlanChanges {

  private final JdbcClient jdbc;
  private final Accounts accounts;
  private final Clock clock;

  public PlanChanges(JdbcClient jdbc, Accounts accounts, Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.clock = clock;
  }

  /**
   * Provisions a plan change in one transaction: adds {@code grants} (ones already owned are
   * skipped), deletes {@code removes}, sets the contract type when given, recomputes plan tier and
   * licences used from the products now owned, and adds {@code mrrDelta} to the MRR.
   *
   * @throws IllegalArgumentException if the account does not exist
   */
  @Transactional
  public void apply(
      String accountId,
      Collection<String> grants,
      Collection<String> removes,
      String newContractTypeOrNull,
      BigDecimal mrrDelta) {
    String currentContract =
        jdbc.sql("SELECT contract_type FROM accounts WHERE id = :id FOR UPDATE")
            .param("id", accountId)
            .query(String.class)
            .optional()
            .orElseThrow(() -> new IllegalArgumentException("Unknown account: " + accountId));
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    Set<String> owned = accounts.ownedProducts(accountId);
    for (String code : grants == null ? List.<String>of() : grants) {
      if (owned.add(code)) {
        jdbc.sql(AccountRows.INSERT_PRODUCT)
            .param("accountId", accountId)
            .param("productCode", code)
            .param("since", now)
            .update();
      }
    }
    for (String code : removes == null ? List.<String>of() : removes) {
      if (owned.remove(code)) {
        jdbc.sql(
                """
                DELETE FROM account_products
                WHERE account_id = :accountId AND product_code = :productCode
                """)
            .param("accountId", accountId)
            .param("productCode", code)
            .update();
      }
    }
    jdbc.sql(
            """
            UPDATE accounts
            SET plan_tier = :planTier, licences_used = :licencesUsed,
                contract_type = :contractType, mrr = mrr + :mrrDelta, updated_at = :now
            WHERE id = :id
            """)
        .param("planTier", Products.planTier(owned))
        .param("licencesUsed", Products.licencesUsed(owned))
        .param(
            "contractType", newContractTypeOrNull != null ? newContractTypeOrNull : currentContract)
        .param("mrrDelta", mrrDelta != null ? mrrDelta : BigDecimal.ZERO)
        .param("now", now)
        .param("id", accountId)
        .update();
  }
}
