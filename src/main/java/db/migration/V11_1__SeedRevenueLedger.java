package db.migration;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Seeds the revenue ledger (V11) for accounts that were imported before it existed, with the rule
 * the importer applies to a new account: {@code new} at the import date minus the tenure in months,
 * and {@code churn} on the import date when the account is churned. A fresh database has no
 * accounts yet and this does nothing. Plain JDBC: it runs on H2 and PostgreSQL alike.
 */
public class V11_1__SeedRevenueLedger extends BaseJavaMigration {

  private static final String INSERT =
      """
      INSERT INTO revenue_movements (business_key, account_id, type, effective_date, amount,
        mrr_before, mrr_after, source, reason, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'import', ?, ?)
      """;

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    Timestamp now = Timestamp.from(Instant.now());
    try (PreparedStatement read =
            connection.prepareStatement(
                """
                SELECT a.id, a.mrr, a.tenure_months, a.churned,
                       COALESCE(r.imported_at, a.created_at) AS imported_at
                FROM accounts a LEFT JOIN account_import_rows r ON r.account_id = a.id
                WHERE a.mrr > 0
                """);
        PreparedStatement insert = connection.prepareStatement(INSERT);
        ResultSet rs = read.executeQuery()) {
      int pending = 0;
      while (rs.next()) {
        String id = rs.getString(1);
        BigDecimal mrr = rs.getBigDecimal(2);
        LocalDate imported =
            rs.getObject(5, OffsetDateTime.class).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        add(insert, id, "new", imported.minusMonths(rs.getInt(3)), BigDecimal.ZERO, mrr, now);
        pending++;
        if (Boolean.TRUE.equals(rs.getObject(4, Boolean.class))) {
          add(insert, id, "churn", imported, mrr, BigDecimal.ZERO, now);
          pending++;
        }
        if (pending >= 1000) {
          insert.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
  }

  private static void add(
      PreparedStatement insert,
      String accountId,
      String type,
      LocalDate date,
      BigDecimal before,
      BigDecimal after,
      Timestamp now)
      throws Exception {
    insert.setString(1, "backfill:" + accountId + ":" + type);
    insert.setString(2, accountId);
    insert.setString(3, type);
    insert.setObject(4, date);
    insert.setBigDecimal(5, after.subtract(before));
    insert.setBigDecimal(6, before);
    insert.setBigDecimal(7, after);
    insert.setString(8, "seeded from the book when the ledger was introduced");
    insert.setTimestamp(9, now);
    insert.addBatch();
  }
}
