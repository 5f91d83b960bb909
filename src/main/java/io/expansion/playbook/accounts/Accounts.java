package io.expansion.playbook.accounts;

import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and updates single accounts and the products they own; {@link AccountPages} reads and
 * writes the whole book in pages.
 */
@Repository
public class Accounts {

  private static final String FILTER =
      """
      WHERE (CAST(:segment AS VARCHAR(30)) IS NULL OR segment = :segment)
        AND (CAST(:owner AS VARCHAR(80)) IS NULL OR owner_csm = :owner)
      """;

  private static final int BATCH_SIZE = 500;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batchJdbc;
  private final Clock clock;

  public Accounts(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, Clock clock) {
    this.jdbc = jdbc;
    this.batchJdbc = batchJdbc;
    this.clock = clock;
  }

  public Optional<Account> findById(String id) {
    return jdbc.sql("SELECT " + AccountRows.COLUMNS + " FROM accounts WHERE id = :id")
        .param("id", id)
        .query(AccountRows::map)
        .optional();
  }

  /**
   * The account, its row locked until the surrounding transaction ends ({@code SELECT ... FOR
   * UPDATE}), so scorings of one account are serialised.
   */
  public Optional<Account> findByIdForUpdate(String id) {
    return jdbc.sql("SELECT " + AccountRows.COLUMNS + " FROM accounts WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(AccountRows::map)
        .optional();
  }

  /** Number of accounts a CSM owns. */
  public long countOwnedBy(String ownerCsm) {
    return jdbc.sql("SELECT COUNT(*) FROM accounts WHERE owner_csm = :csm")
        .param("csm", ownerCsm)
        .query(Long.class)
        .single();
  }

  public boolean exists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM accounts WHERE id = :id")
            .param("id", id)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * One page of accounts ordered by id.
   *
   * @param segmentOrNull only accounts in this segment; {@code null} for all accounts
   * @param page zero-based page number
   * @param size page size, at least 1
   */
  public List<Account> page(String segmentOrNull, int page, int size) {
    return page(segmentOrNull, null, page, size);
  }

  /**
   * A page of accounts by id, optionally only a segment's and only one owner's ({@code csm-03}).
   */
  public List<Account> page(String segmentOrNull, String ownerOrNull, int page, int size) {
    if (page < 0 || size < 1) {
      throw new IllegalArgumentException("page must be >= 0 and size >= 1");
    }
    return jdbc.sql(
            "SELECT "
                + AccountRows.COLUMNS
                + " FROM accounts "
                + FILTER
                + " ORDER BY id LIMIT :limit OFFSET :offset")
        .param("segment", segmentOrNull)
        .param("owner", ownerOrNull)
        .param("limit", size)
        .param("offset", (long) page * size)
        .query(AccountRows::map)
        .list();
  }

  /** Number of accounts, in {@code segmentOrNull} or in total. */
  public long count(String segmentOrNull) {
    return count(segmentOrNull, null);
  }

  /** Number of accounts, optionally only a segment's and only one owner's. */
  public long count(String segmentOrNull, String ownerOrNull) {
    return jdbc.sql("SELECT COUNT(*) FROM accounts " + FILTER)
        .param("segment", segmentOrNull)
        .param("owner", ownerOrNull)
        .query(Long.class)
        .single();
  }

  /** Product codes the account owns, sorted; empty for an unknown account. */
  public Set<String> ownedProducts(String accountId) {
    return new LinkedHashSet<>(
        jdbc.sql(
                """
                SELECT product_code FROM account_products
                WHERE account_id = :accountId ORDER BY product_code
                """)
            .param("accountId", accountId)
            .query(String.class)
            .list());
  }

  /** Accounts whose renewal falls within the dates, soonest first. */
  public List<String> idsRenewingBetween(LocalDate from, LocalDate to, int limit) {
    return jdbc.sql(
            """
            SELECT id FROM accounts WHERE renewal_date >= :from AND renewal_date <= :to
            ORDER BY renewal_date, id LIMIT :limit
            """)
        .param("from", from)
        .param("to", to)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  /**
   * Stores freshly computed scores.
   *
   * @throws IllegalArgumentException if the account does not exist
   */
  public void updateScores(
      String accountId,
      int health,
      int valueScore,
      int usageScore,
      int intentScore,
      String lifecycleStage) {
    int updated =
        jdbc.sql(
                """
                UPDATE accounts
                SET health = :health, value_score = :valueScore, usage_score = :usageScore,
                    intent_score = :intentScore, lifecycle_stage = :lifecycleStage,
                    updated_at = :now
                WHERE id = :id
                """)
            .param("health", health)
            .param("valueScore", valueScore)
            .param("usageScore", usageScore)
            .param("intentScore", intentScore)
            .param("lifecycleStage", lifecycleStage)
            .param("now", now())
            .param("id", accountId)
            .update();
    requireUpdated(updated, accountId);
  }

  /**
   * Sets the account's renewal date ({@code null} clears it).
   *
   * @throws IllegalArgumentException if the account does not exist
   */
  public void updateRenewalDate(String accountId, LocalDate renewalDate) {
    int updated =
        jdbc.sql("UPDATE accounts SET renewal_date = :date, updated_at = :now WHERE id = :id")
            .param("date", renewalDate, Types.DATE)
            .param("now", now())
            .param("id", accountId)
            .update();
    requireUpdated(updated, accountId);
  }

  /**
   * Stores the account's segment ({@code null} clears it).
   *
   * @throws IllegalArgumentException if the account does not exist
   */
  public void updateSegment(String accountId, String segment) {
    int updated =
        jdbc.sql("UPDATE accounts SET segment = :segment, updated_at = :now WHERE id = :id")
            .param("segment", segment, Types.VARCHAR)
            .param("now", now())
            .param("id", accountId)
            .update();
    requireUpdated(updated, accountId);
  }

  /**
   * Inserts one account with its products; each product's {@code since} is the account's creation
   * time minus its tenure.
   */
  public void insert(Account a, Collection<String> products) {
    insertAll(List.of(a), Map.of(a.id(), products));
  }

  /**
   * Inserts accounts and their products with JDBC batches; each product's {@code since} is the
   * account's creation time minus its tenure.
   *
   * @param productsByAccountId products per account id (accounts without an entry get none)
   */
  public void insertAll(
      List<Account> accounts, Map<String, ? extends Collection<String>> productsByAccountId) {
    List<SqlParameterSource> accountRows = new ArrayList<>(accounts.size());
    List<SqlParameterSource> productRows = new ArrayList<>();
    for (Account a : accounts) {
      accountRows.add(AccountRows.params(a));
      OffsetDateTime since = a.createdAt().minusMonths(a.tenureMonths());
      Collection<String> products = productsByAccountId.get(a.id());
      for (String code : products == null ? List.<String>of() : products) {
        productRows.add(
            new MapSqlParameterSource()
                .addValue("accountId", a.id())
                .addValue("productCode", code)
                .addValue("since", since));
      }
    }
    batch(AccountRows.INSERT_ACCOUNT, accountRows);
    batch(AccountRows.INSERT_PRODUCT, productRows);
  }

  private void batch(String sql, List<SqlParameterSource> rows) {
    for (int from = 0; from < rows.size(); from += BATCH_SIZE) {
      List<SqlParameterSource> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH_SIZE));
      batchJdbc.batchUpdate(sql, chunk.toArray(SqlParameterSource[]::new));
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  private static void requireUpdated(int updated, String accountId) {
    if (updated == 0) {
      throw unknown(accountId);
    }
  }

  private static IllegalArgumentException unknown(String accountId) {
    return new IllegalArgumentException("Unknown account: " + accountId);
  }
}
