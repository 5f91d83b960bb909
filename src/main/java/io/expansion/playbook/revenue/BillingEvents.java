package io.expansion.playbook.revenue;

import io.expansion.playbook.accounts.AccountRevenue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Billing and CRM events that change what an account pays: each updates the account's MRR and churn
 * flag under its row lock and writes its ledger row (business key {@code signal:<id>}). Call in the
 * transaction that stores the signal; {@link #revert} undoes one when the signal is not kept.
 */
@Service
public class BillingEvents {

  /**
   * What an event changed, so it can be reverted.
   *
   * @param previous the account before; {@code null} when nothing changed
   * @param movementId the ledger row written; {@code null} when the ledger MRR did not change
   */
  public record Applied(AccountRevenue.State previous, Long movementId) {
    static final Applied NOTHING = new Applied(null, null);
  }

  private final AccountRevenue accounts;
  private final RevenueMovements movements;
  private final RevenueLedger ledger;

  BillingEvents(AccountRevenue accounts, RevenueMovements movements, RevenueLedger ledger) {
    this.accounts = accounts;
    this.movements = movements;
    this.ledger = ledger;
  }

  /**
   * The subscription now bills {@code mrr} a month: above 0 the account is active at that MRR
   * (reactivated if it was churned); 0 means it churned.
   */
  public Applied subscriptionChanged(
      long signalId, String accountId, LocalDate effective, BigDecimal mrr, String reason) {
    AccountRevenue.State state = lock(accountId);
    BigDecimal newMrr = money(mrr);
    return apply(
        signalId,
        state,
        newMrr,
        newMrr.signum() == 0,
        effective,
        "subscription changed" + because(reason));
  }

  /** The account churned; its last MRR is kept on the account, its ledger MRR becomes 0. */
  public Applied accountChurned(
      long signalId, String accountId, LocalDate effective, String reason) {
    AccountRevenue.State state = lock(accountId);
    return apply(
        signalId, state, state.mrr(), true, effective, "account churned" + because(reason));
  }

  /**
   * A renewal closed: renewed (at {@code mrrOrNull} when given, else at the current MRR; a churned
   * account renewing is reactivated) or churned.
   */
  public Applied renewalClosed(
      long signalId, String accountId, LocalDate effective, boolean renewed, BigDecimal mrrOrNull) {
    AccountRevenue.State state = lock(accountId);
    if (!renewed) {
      return apply(signalId, state, state.mrr(), true, effective, "renewal closed: churned");
    }
    BigDecimal newMrr = mrrOrNull == null ? state.mrr() : money(mrrOrNull);
    return apply(signalId, state, newMrr, false, effective, "renewal closed: renewed");
  }

  /** Undoes an applied event: deletes its ledger row and restores the account. */
  public void revert(Applied applied) {
    if (applied.movementId() != null) {
      movements.delete(applied.movementId());
    }
    AccountRevenue.State previous = applied.previous();
    if (previous != null) {
      accounts.update(previous.accountId(), previous.mrr(), previous.churned());
    }
  }

  private Applied apply(
      long signalId,
      AccountRevenue.State state,
      BigDecimal newMrr,
      boolean churned,
      LocalDate effective,
      String reason) {
    // An unknown churn flag stays unknown unless the event says the account churned.
    Boolean flag = churned ? Boolean.TRUE : state.isChurned() ? Boolean.FALSE : state.churned();
    boolean accountChanged =
        state.mrr().compareTo(newMrr) != 0 || !Objects.equals(state.churned(), flag);
    if (!accountChanged) {
      return Applied.NOTHING;
    }
    accounts.update(state.accountId(), newMrr, flag);
    BigDecimal before = MovementType.ledgerMrr(state.mrr(), state.isChurned());
    BigDecimal after = MovementType.ledgerMrr(newMrr, churned);
    Optional<Long> movement =
        MovementType.between(before, state.isChurned(), after)
            .flatMap(
                type ->
                    movements.insertIfAbsent(
                        new NewMovement(
                            "signal:" + signalId,
                            state.accountId(),
                            type,
                            effective,
                            before,
                            after,
                            NewMovement.SIGNAL,
                            NewMovement.Origin.ofSignal(signalId),
                            reason),
                        ledger.now()));
    return new Applied(state, movement.orElse(null));
  }

  private AccountRevenue.State lock(String accountId) {
    return accounts
        .lock(accountId)
        .orElseThrow(() -> new IllegalArgumentException("Unknown account: " + accountId));
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  private static String because(String reason) {
    return reason == null || reason.isBlank() ? "" : ": " + reason;
  }
}
