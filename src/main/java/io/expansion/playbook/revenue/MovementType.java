package io.expansion.playbook.revenue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of MRR change, and the one rule that tells which a change is. */
public enum MovementType {
  NEW("new"),
  EXPANSION("expansion"),
  CONTRACTION("contraction"),
  CHURN("churn"),
  REACTIVATION("reactivation");

  private final String code;

  MovementType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<MovementType> of(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(MovementType::code).toList();
  }

  /** The MRR as the ledger sees it: 0 while the account is churned, else its MRR. */
  public static BigDecimal ledgerMrr(BigDecimal mrr, boolean churned) {
    if (churned || mrr == null || mrr.signum() < 0) {
      return BigDecimal.ZERO;
    }
    return mrr;
  }

  /**
   * Classifies a change of the ledger MRR: none when it stays the same; from 0 up: {@code new}, or
   * {@code reactivation} when the account was churned; down to 0: {@code churn}; otherwise {@code
   * expansion} or {@code contraction}.
   *
   * @param before ledger MRR before (see {@link #ledgerMrr})
   * @param wasChurned whether the account was churned before
   * @param after ledger MRR after
   */
  public static Optional<MovementType> between(
      BigDecimal before, boolean wasChurned, BigDecimal after) {
    int direction = after.compareTo(before);
    if (direction == 0) {
      return Optional.empty();
    }
    if (before.signum() == 0) {
      return Optional.of(wasChurned ? REACTIVATION : NEW);
    }
    if (after.signum() == 0) {
      return Optional.of(CHURN);
    }
    return Optional.of(direction > 0 ? EXPANSION : CONTRACTION);
  }
}
