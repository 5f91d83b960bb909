package io.expansion.playbook.accounts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One row of the {@code accounts} table.
 *
 * @param mrr monthly recurring revenue
 * @param seats number of service products available to the account
 * @param licencesUsed number of those service products the account owns
 * @param renewalDate next contract renewal; {@code null} for month-to-month contracts
 * @param segment segment assigned by segmentation; {@code null} until scored
 * @param health health score 0..100; {@code null} until scored
 * @param churned known churn outcome (demo data); {@code null} when unknown
 * @param attributes compact JSON object with source fields not stored in their own columns
 */
public record Account(
    String id,
    String name,
    String source,
    String planTier,
    String contractType,
    BigDecimal mrr,
    int seats,
    int licencesUsed,
    int tenureMonths,
    LocalDate renewalDate,
    String lifecycleStage,
    String ownerCsm,
    String timeZone,
    String segment,
    Integer health,
    Integer valueScore,
    Integer usageScore,
    Integer intentScore,
    Boolean churned,
    String attributes,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  /** Share of available service products in use, 0..1 (0 when the account has no seats). */
  public double utilisation() {
    return seats == 0 ? 0.0 : (double) licencesUsed / seats;
  }
}
