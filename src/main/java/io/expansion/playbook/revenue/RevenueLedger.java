package io.expansion.playbook.revenue;

import io.expansion.playbook.accounts.AccountRevenue;
import io.expansion.playbook.accounts.AccountsImported;
import io.expansion.playbook.accounts.AccountsImported.ImportedAccount;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Writes the revenue ledger: seeds it from imports and records provisioned offers. Every write runs
 * in the caller's transaction (the import chunk's, the provisioning's), so the ledger row and the
 * account change it describes are stored together or not at all.
 */
@Service
public class RevenueLedger {

  private final RevenueMovements movements;
  private final AccountRevenue accounts;
  private final Clock clock;

  RevenueLedger(RevenueMovements movements, AccountRevenue accounts, Clock clock) {
    this.movements = movements;
    this.accounts = accounts;
    this.clock = clock;
  }

  /**
   * Seeds the ledger from imported accounts, inside the import's transaction. A fresh account gets
   * {@code new} at the import date minus its tenure in months (its MRR then is the book's, the only
   * figure known) and, when it is churned, {@code churn} on the import date; a changed account gets
   * one movement on the import date when its ledger MRR changed (see {@link MovementType#between});
   * an unchanged one nothing.
   */
  @EventListener
  public void onImport(AccountsImported event) {
    OffsetDateTime at = event.importedAt();
    LocalDate importDate = date(at);
    String run = at.toInstant().toString();
    NewMovement.Origin origin = NewMovement.Origin.ofImport(event.importId());
    List<NewMovement> rows = new ArrayList<>();
    for (ImportedAccount a : event.accounts()) {
      boolean churned = Boolean.TRUE.equals(a.churned());
      BigDecimal mrr = MovementType.ledgerMrr(a.mrr(), false);
      String key = "import:" + a.accountId() + ":" + run + ":";
      if (a.fresh()) {
        if (mrr.signum() > 0) {
          LocalDate start = importDate.minusMonths(a.tenureMonths());
          rows.add(
              new NewMovement(
                  key + "new",
                  a.accountId(),
                  MovementType.NEW,
                  start,
                  BigDecimal.ZERO,
                  mrr,
                  NewMovement.IMPORT,
                  origin,
                  "imported with " + a.tenureMonths() + " months of tenure"));
          if (churned) {
            rows.add(
                new NewMovement(
                    key + "churn",
                    a.accountId(),
                    MovementType.CHURN,
                    importDate,
                    mrr,
                    BigDecimal.ZERO,
                    NewMovement.IMPORT,
                    origin,
                    "imported as churned"));
          }
        }
        continue;
      }
      boolean wasChurned = Boolean.TRUE.equals(a.previousChurned());
      BigDecimal before = MovementType.ledgerMrr(a.previousMrr(), wasChurned);
      BigDecimal after = MovementType.ledgerMrr(a.mrr(), churned);
      MovementType.between(before, wasChurned, after)
          .ifPresent(
              type ->
                  rows.add(
                      new NewMovement(
                          key + type.code(),
                          a.accountId(),
                          type,
                          importDate,
                          before,
                          after,
                          NewMovement.IMPORT,
                          origin,
                          "re-import: MRR "
                              + describe(a.previousMrr(), wasChurned)
                              + " -> "
                              + describe(a.mrr(), churned))));
    }
    movements.insertAll(rows, now());
  }

  /**
   * An accepted offer was provisioned: records the change of the account's MRR (already raised by
   * {@code netPrice}) once per business key. A churned account that buys is active again: the
   * movement is a {@code reactivation} and its churn flag is cleared. Call in the provisioning
   * transaction, after the plan change.
   *
   * @return the movement's id, empty when nothing changed or the key was already recorded
   */
  public Optional<Long> provisioned(Provisioned p) {
    AccountRevenue.State state =
        accounts
            .lock(p.accountId())
            .orElseThrow(() -> new IllegalArgumentException("Unknown account: " + p.accountId()));
    boolean wasChurned = state.isChurned();
    BigDecimal before = MovementType.ledgerMrr(state.mrr().subtract(p.netPrice()), wasChurned);
    BigDecimal after = MovementType.ledgerMrr(state.mrr(), false);
    Optional<MovementType> type = MovementType.between(before, wasChurned, after);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    if (wasChurned) {
      accounts.update(p.accountId(), state.mrr(), false);
    }
    return movements.insertIfAbsent(
        new NewMovement(
            p.businessKey(),
            p.accountId(),
            type.get(),
            today(),
            before,
            after,
            NewMovement.PROVISIONING,
            new NewMovement.Origin(null, null, p.journeyId(), p.offerId(), p.play()),
            "provisioned " + p.offerCode() + " (+" + p.netPrice() + ")"),
        now());
  }

  /**
   * A provisioned offer.
   *
   * @param netPrice the monthly price the account's MRR was raised by
   */
  public record Provisioned(
      String businessKey,
      String accountId,
      BigDecimal netPrice,
      String journeyId,
      long offerId,
      String offerCode,
      String play) {}

  LocalDate today() {
    return LocalDate.now(clock);
  }

  LocalDate date(OffsetDateTime at) {
    return at.atZoneSameInstant(clock.getZone()).toLocalDate();
  }

  OffsetDateTime now() {
    return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  static String describe(BigDecimal mrr, boolean churned) {
    return churned ? "churned (" + mrr + ")" : String.valueOf(mrr);
  }
}
