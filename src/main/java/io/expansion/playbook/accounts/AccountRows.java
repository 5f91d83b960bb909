package io.expansion.playbook.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** The {@code accounts} table's columns, its insert statement and the row mapping both ways. */
final class AccountRows {

  static final String COLUMNS =
      """
      id, name, source, plan_tier, contract_type, mrr, seats, licences_used, tenure_months,
      renewal_date, lifecycle_stage, owner_csm, time_zone, segment, health, value_score,
      usage_score, intent_score, churned, attributes, created_at, updated_at
      """;

  /** Inserts one account row; named parameters as in {@code accountParams(Account)}. */
  static final String INSERT_ACCOUNT =
      """
      INSERT INTO accounts (
        id, name, source, plan_tier, contract_type, mrr, seats, licences_used, tenure_months,
        renewal_date, lifecycle_stage, owner_csm, time_zone, segment, health, value_score,
        usage_score, intent_score, churned, attributes, created_at, updated_at)
      VALUES (
        :id, :name, :source, :planTier, :contractType, :mrr, :seats, :licencesUsed, :tenureMonths,
        :renewalDate, :lifecycleStage, :ownerCsm, :timeZone, :segment, :health, :valueScore,
        :usageScore, :intentScore, :churned, :attributes, :createdAt, :updatedAt)
      """;

  static final String INSERT_PRODUCT =
      """
      INSERT INTO account_products (account_id, product_code, since)
      VALUES (:accountId, :productCode, :since)
      """;

  static MapSqlParameterSource params(Account a) {
    return new MapSqlParameterSource()
        .addValue("id", a.id())
        .addValue("name", a.name())
        .addValue("source", a.source())
        .addValue("planTier", a.planTier())
        .addValue("contractType", a.contractType())
        .addValue("mrr", a.mrr(), Types.NUMERIC)
        .addValue("seats", a.seats())
        .addValue("licencesUsed", a.licencesUsed())
        .addValue("tenureMonths", a.tenureMonths())
        .addValue("renewalDate", a.renewalDate(), Types.DATE)
        .addValue("lifecycleStage", a.lifecycleStage())
        .addValue("ownerCsm", a.ownerCsm())
        .addValue("timeZone", a.timeZone() != null ? a.timeZone() : "UTC")
        .addValue("segment", a.segment(), Types.VARCHAR)
        .addValue("health", a.health(), Types.INTEGER)
        .addValue("valueScore", a.valueScore(), Types.INTEGER)
        .addValue("usageScore", a.usageScore(), Types.INTEGER)
        .addValue("intentScore", a.intentScore(), Types.INTEGER)
        .addValue("churned", a.churned(), Types.BOOLEAN)
        .addValue("attributes", a.attributes() != null ? a.attributes() : "{}")
        .addValue("createdAt", a.createdAt())
        .addValue("updatedAt", a.updatedAt() != null ? a.updatedAt() : a.createdAt());
  }

  static Account map(ResultSet rs, int rowNum) throws SQLException {
    return new Account(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("source"),
        rs.getString("plan_tier"),
        rs.getString("contract_type"),
        rs.getBigDecimal("mrr"),
        rs.getInt("seats"),
        rs.getInt("licences_used"),
        rs.getInt("tenure_months"),
        rs.getObject("renewal_date", LocalDate.class),
        rs.getString("lifecycle_stage"),
        rs.getString("owner_csm"),
        rs.getString("time_zone"),
        rs.getString("segment"),
        rs.getObject("health", Integer.class),
        rs.getObject("value_score", Integer.class),
        rs.getObject("usage_score", Integer.class),
        rs.getObject("intent_score", Integer.class),
        rs.getObject("churned", Boolean.class),
        rs.getString("attributes"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }

  private AccountRows() {}
}
