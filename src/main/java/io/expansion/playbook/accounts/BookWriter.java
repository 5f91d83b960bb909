package io.expansion.playbook.accounts;

import io.expansion.playbook.accounts.AccountsImported.ImportedAccount;
import io.expansion.playbook.accounts.MappedRow.MappedContact;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes mapped rows with JDBC batches: a chunk in one transaction, and when the database refuses
 * the chunk, each row in its own transaction, so a row is stored completely (account, products,
 * contacts, consents) or not at all. Accounts are upserted by id; a row whose content hash matches
 * the one stored by the last import of that account is left alone. The new and changed accounts of
 * a transaction are published as {@link AccountsImported} inside it (the revenue ledger seeds its
 * rows from them in the same transaction).
 */
@Component
class BookWriter {

  private static final Logger LOG = LoggerFactory.getLogger(BookWriter.class);

  private static final String UPDATE_ACCOUNT =
      """
      UPDATE accounts SET name = :name, source = :source, plan_tier = :planTier,
        contract_type = :contractType, mrr = :mrr, seats = :seats, licences_used = :licencesUsed,
        tenure_months = :tenureMonths, renewal_date = :renewalDate,
        lifecycle_stage = :lifecycleStage, owner_csm = :ownerCsm, time_zone = :timeZone,
        churned = :churned, attributes = :attributes, updated_at = :updatedAt
      WHERE id = :id
      """;

  private static final String INSERT_PRODUCT =
      "INSERT INTO account_products (account_id, product_code, since)"
          + " VALUES (:accountId, :code, :since)";

  private static final String INSERT_CONTACT =
      "INSERT INTO contacts (id, account_id, name, email, role, is_primary)"
          + " VALUES (:id, :accountId, :name, :email, :role, :primary)";

  private static final String UPDATE_CONTACT =
      "UPDATE contacts SET name = :name, email = :email, role = :role, is_primary = :primary"
          + " WHERE id = :id AND account_id = :accountId";

  private static final String INSERT_CONSENT =
      "INSERT INTO contact_consents (contact_id, channel, opted_in, source, changed_at)"
          + " VALUES (:contactId, :channel, :optedIn, :source, :changedAt)";

  private static final String INSERT_STATE =
      "INSERT INTO account_import_rows (account_id, mapping, row_hash, import_id, imported_at)"
          + " VALUES (:accountId, :mapping, :hash, :importId, :at)";

  /** What a chunk did. */
  record Outcome(int imported, int updated, int unchanged, List<ImportError> errors) {}

  /** What the database held for an account before this import's row. */
  private record Stored(String hash, BigDecimal mrr, Boolean churned)
      implements AccountsImported.Previous {}

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;

  BookWriter(
      NamedParameterJdbcTemplate jdbc,
      TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.events = events;
  }

  Outcome write(List<MappedRow> rows, String mapping, String importId, OffsetDateTime now) {
    if (rows.isEmpty()) {
      return new Outcome(0, 0, 0, List.of());
    }
    try {
      return transactions.execute(tx -> writeAll(rows, mapping, importId, now));
    } catch (DataAccessException chunkRefused) {
      LOG.debug("Chunk refused, writing its {} rows one by one", rows.size(), chunkRefused);
    }
    int imported = 0;
    int updated = 0;
    int unchanged = 0;
    List<ImportError> errors = new ArrayList<>();
    for (MappedRow row : rows) {
      try {
        Outcome one = transactions.execute(tx -> writeAll(List.of(row), mapping, importId, now));
        imported += one.imported();
        updated += one.updated();
        unchanged += one.unchanged();
      } catch (DataAccessException e) {
        errors.add(
            new ImportError(
                row.line(),
                null,
                "the database refused the row: "
                    + firstLine(NestedExceptionUtils.getMostSpecificCause(e).getMessage())));
      }
    }
    return new Outcome(imported, updated, unchanged, errors);
  }

  private Outcome writeAll(
      List<MappedRow> rows, String mapping, String importId, OffsetDateTime now) {
    Map<String, Stored> stored = storedHashes(rows);
    List<MappedRow> fresh = new ArrayList<>();
    List<MappedRow> changed = new ArrayList<>();
    for (MappedRow row : rows) {
      String id = row.account().id();
      if (!stored.containsKey(id)) {
        fresh.add(row);
      } else if (!row.hash().equals(stored.get(id).hash())) {
        changed.add(row);
      }
    }
    insert(fresh, now);
    update(changed, now);
    List<MappedRow> written = new ArrayList<>(fresh);
    written.addAll(changed);
    if (!written.isEmpty()) {
      jdbc.update(
          "DELETE FROM account_import_rows WHERE account_id IN (:ids)",
          Map.of("ids", ids(written)));
      batch(
          INSERT_STATE,
          written.stream()
              .map(
                  r ->
                      (SqlParameterSource)
                          new MapSqlParameterSource()
                              .addValue("accountId", r.account().id())
                              .addValue("mapping", mapping)
                              .addValue("hash", r.hash())
                              .addValue("importId", importId)
                              .addValue("at", now))
              .toList());
      events.publishEvent(new AccountsImported(importId, now, imported(written, stored)));
    }
    return new Outcome(
        fresh.size(), changed.size(), rows.size() - fresh.size() - changed.size(), List.of());
  }

  /** Account id -> stored hash ("" when the account exists without an import hash), MRR, churn. */
  private Map<String, Stored> storedHashes(List<MappedRow> rows) {
    Map<String, Stored> stored = new HashMap<>();
    jdbc.query(
        """
        SELECT a.id, r.row_hash, a.mrr, a.churned FROM accounts a
        LEFT JOIN account_import_rows r ON r.account_id = a.id
        WHERE a.id IN (:ids)
        """,
        Map.of("ids", ids(rows)),
        rs -> {
          String hash = rs.getString(2);
          stored.put(
              rs.getString(1),
              new Stored(
                  hash == null ? "" : hash, rs.getBigDecimal(3), rs.getObject(4, Boolean.class)));
        });
    return stored;
  }

  private static List<ImportedAccount> imported(List<MappedRow> written, Map<String, Stored> was) {
    return written.stream()
        .map(MappedRow::account)
        .map(a -> ImportedAccount.of(a, was.get(a.id()) == null, was.get(a.id())))
        .toList();
  }

  private void insert(List<MappedRow> rows, OffsetDateTime now) {
    if (rows.isEmpty()) {
      return;
    }
    batch(AccountRows.INSERT_ACCOUNT, rows.stream().map(r -> params(r.account())).toList());
    batch(INSERT_PRODUCT, products(rows));
    List<SqlParameterSource> contacts = new ArrayList<>();
    for (MappedRow row : rows) {
      row.contacts().forEach(c -> contacts.add(contact(row, c)));
    }
    batch(INSERT_CONTACT, contacts);
    batch(INSERT_CONSENT, consents(rows, now));
  }

  private void update(List<MappedRow> rows, OffsetDateTime now) {
    if (rows.isEmpty()) {
      return;
    }
    List<String> ids = ids(rows);
    batch(UPDATE_ACCOUNT, rows.stream().map(r -> params(r.account())).toList());
    jdbc.update("DELETE FROM account_products WHERE account_id IN (:ids)", Map.of("ids", ids));
    batch(INSERT_PRODUCT, products(rows));
    Set<String> existing =
        new HashSet<>(
            jdbc.queryForList(
                "SELECT id FROM contacts WHERE account_id IN (:ids)",
                Map.of("ids", ids),
                String.class));
    List<SqlParameterSource> updates = new ArrayList<>();
    List<SqlParameterSource> inserts = new ArrayList<>();
    for (MappedRow row : rows) {
      for (MappedContact c : row.contacts()) {
        (existing.contains(c.id()) ? updates : inserts).add(contact(row, c));
      }
    }
    batch(UPDATE_CONTACT, updates);
    batch(INSERT_CONTACT, inserts);
    List<String> contactIds =
        rows.stream().flatMap(r -> r.contacts().stream()).map(MappedContact::id).toList();
    if (!contactIds.isEmpty()) {
      jdbc.update(
          "DELETE FROM contact_consents WHERE contact_id IN (:ids)", Map.of("ids", contactIds));
    }
    batch(INSERT_CONSENT, consents(rows, now));
  }

  private static SqlParameterSource params(Account account) {
    return AccountRows.params(account);
  }

  private static List<SqlParameterSource> products(List<MappedRow> rows) {
    List<SqlParameterSource> products = new ArrayList<>();
    for (MappedRow row : rows) {
      OffsetDateTime since = row.account().createdAt().minusMonths(row.account().tenureMonths());
      for (String code : row.products()) {
        products.add(
            new MapSqlParameterSource()
                .addValue("accountId", row.account().id())
                .addValue("code", code)
                .addValue("since", since));
      }
    }
    return products;
  }

  private static SqlParameterSource contact(MappedRow row, MappedContact c) {
    return new MapSqlParameterSource()
        .addValue("id", c.id())
        .addValue("accountId", row.account().id())
        .addValue("name", c.name())
        .addValue("email", c.email())
        .addValue("role", c.role())
        .addValue("primary", c.primary());
  }

  private static List<SqlParameterSource> consents(List<MappedRow> rows, OffsetDateTime now) {
    List<SqlParameterSource> consents = new ArrayList<>();
    for (MappedRow row : rows) {
      for (MappedContact c : row.contacts()) {
        c.consents()
            .forEach(
                (channel, consent) ->
                    consents.add(
                        new MapSqlParameterSource()
                            .addValue("contactId", c.id())
                            .addValue("channel", channel)
                            .addValue("optedIn", consent.optedIn())
                            .addValue("source", consent.source())
                            .addValue("changedAt", now)));
      }
    }
    return consents;
  }

  private static List<String> ids(List<MappedRow> rows) {
    return rows.stream().map(r -> r.account().id()).toList();
  }

  private void batch(String sql, List<SqlParameterSource> rows) {
    if (!rows.isEmpty()) {
      jdbc.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}
