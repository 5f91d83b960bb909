package io.expansion.playbook.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One row of the revenue ledger.
 *
 * @param amount the signed change, {@code mrrAfter - mrrBefore}
 * @param source {@code import}, {@code provisioning} or {@code signal}
 */
public record Movement(
    long id,
    String accountId,
    String type,
    LocalDate effectiveDate,
    BigDecimal amount,
    BigDecimal mrrBefore,
    BigDecimal mrrAfter,
    String source,
    String importId,
    Long signalId,
    String journeyId,
    Long offerId,
    String play,
    String reason,
    OffsetDateTime recordedAt) {}
