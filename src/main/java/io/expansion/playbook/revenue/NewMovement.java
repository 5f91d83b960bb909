package io.expansion.playbook.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A ledger row to write; {@code businessKey} is unique, so it is written once. */
record NewMovement(
    String businessKey,
    String accountId,
    MovementType type,
    LocalDate effectiveDate,
    BigDecimal mrrBefore,
    BigDecimal mrrAfter,
    String source,
    Origin origin,
    String reason) {

  static final String IMPORT = "import";
  static final String PROVISIONING = "provisioning";
  static final String SIGNAL = "signal";

  /** What is known about where the change came from; every part may be {@code null}. */
  record Origin(String importId, Long signalId, String journeyId, Long offerId, String play) {

    static Origin ofImport(String importId) {
      return new Origin(importId, null, null, null, null);
    }

    static Origin ofSignal(long signalId) {
      return new Origin(null, signalId, null, null, null);
    }
  }

  BigDecimal amount() {
    return mrrAfter.subtract(mrrBefore);
  }
}
