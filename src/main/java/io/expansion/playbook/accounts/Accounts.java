package io.expansion.playbook.accounts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.springframework.transaction.annotation.Transactional;

/** Reads and updates accounts and the products they own. */
@Repository
public class Accounts {

  private static final String COLUMNS =
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

  private static final String INSERT_PRODUCT =
      """
      INSERT INTO account_products (account_id, product_code, since)
      VALUES (:accountId, :productCode, :since)
      """;

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
    return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
        .param("id", id)
        .query(Accounts::map)
        .optional();
  }

  /**
   * The account, its row locked until the surrounding transaction ends ({@code SELECT ... FOR
   * UPDATE}), so scorings of one account are serialised.
   */
  public Optional<Account> findByIdForUpdate(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(Accounts::map)
        .optional();
  }

  /** Every account id, in order: for splitting the whole book into pages. */
  public List<String> idsInOrder() {
    return jdbc.sql("SELECT id FROM accounts ORDER BY id").query(String.class).list();
  }

  /**
   * The accounts whose ids lie between the two (inclusive), by id; with {@code lock}, their rows
   * stay locked until the surrounding transaction ends ({@code SELECT ... FOR UPDATE}).
   */
  public List<Account> pageBetween(String firstId, String lastId, boolean lock) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM accounts WHERE id BETWEEN :first AND :last ORDER BY id"
                + (lock ? " FOR UPDATE" : ""))
        .param("first", firstId)
        .param("last", lastId)
        .query(Accounts::map)
        .list();
  }

  /** Product codes per account id, for the accounts whose ids lie between the two (inclusive). */
  public Map<String, Set<String>> productsBetween(String firstId, String lastId) {
    Map<String, Set<String>> products = new java.util.HashMap<>();
    jdbc.sql(
            """
            SELECT account_id, product_code FROM account_products
            WHERE account_id BETWEEN :first AND :last ORDER BY account_id, product_code
            """)
        .param("first", firstId)
        .param("last", lastId)
        .query(
            rs -> {
              products
                  .computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
                  .add(rs.getString(2));
            });
    return products;
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
                + COLUMNS
                + " FROM accounts "
                + FILTER
                + " ORDER BY id LIMIT :limit OFFSET :offset")
        .param("segment", segmentOrNull)
        .param("owner", ownerOrNull)
        .param("limit", size)
        .param("offset", (long) page * size)
        .query(Accounts::map)
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

  /**
   * Stores freshly computed scores.
   *
   * @throws IllegalArgumentException if the account does not exist
   */
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

  /** Scores and segment of one account for {@link #updateScoresAll}. */
  public record ScoreUpdate(
      String id,
      int health,
      int valueScore,
      int usageScore,
      int intentScore,
      String stage,
      String segment) {}

  /** Stores freshly computed scores and segments of many accounts with JDBC batches. */
  public void updateScoresAll(List<ScoreUpdate> updates) {
    OffsetDateTime now = now();
    List<SqlParameterSource> rows = new ArrayList<>(updates.size());
    for (ScoreUpdate u : updates) {
      rows.add(
          new MapSqlParameterSource()
              .addValue("health", u.health())
              .addValue("valueScore", u.valueScore())
              .addValue("usageScore", u.usageScore())
              .addValue("intentScore", u.intentScore())
              .addValue("lifecycleStage", u.stage())
              .addValue("segment", u.segment(), Types.VARCHAR)
              .addValue("now", now)
              .addValue("id", u.id()));
    }
    batch(
        """
        UPDATE accounts
        SET health = :health, value_score = :valueScore, usage_score = :usageScore,
            intent_score = :intentScore, lifecycle_stage = :lifecycleStage, segment = :segment,
            updated_at = :now
        WHERE id = :id
        """,
        rows);
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
   * Provisions a plan change in one transaction: adds {@code grants} (ones already owned are
   * skipped), deletes {@code removes}, sets the contract type when given, recomputes plan tier and
   * licences used from the products now owned, and adds {@code mrrDelta} to the MRR.
   *
   * @throws IllegalArgumentException if the account does not exist
   */
  @Transactional
  public void applyPlanChange(
      String accountId,
      Collection<String> grants,
      Collection<String> removes,
      String newContractTypeOrNull,
      BigDecimal mrrDelta) {
    String currentContract =
        jdbc.sql("SELECT contract_type FROM accounts WHERE id = :id FOR UPDATE")
            .param("id", accountId)
            .query(String.class)
            .optional()
            .orElseThrow(() -> unknown(accountId));
    OffsetDateTime now = now();
    Set<String> owned = ownedProducts(accountId);
    for (String code : grants == null ? List.<String>of() : grants) {
      if (owned.add(code)) {
        jdbc.sql(INSERT_PRODUCT)
            .param("accountId", accountId)
            .param("productCode", code)
            .param("since", now)
            .update();
      }
    }
    for (String code : removes == null ? List.<String>of() : removes) {
      if (owned.remove(code)) {
        jdbc.sql(
                """
                DELETE FROM account_products
                WHERE account_id = :accountId AND product_code = :productCode
                """)
            .param("accountId", accountId)
            .param("productCode", code)
            .update();
      }
    }
    jdbc.sql(
            """
            UPDATE accounts
            SET plan_tier = :planTier, licences_used = :licencesUsed,
                contract_type = :contractType, mrr = mrr + :mrrDelta, updated_at = :now
            WHERE id = :id
            """)
        .param("planTier", Products.planTier(owned))
        .param("licencesUsed", Products.licencesUsed(owned))
        .param(
            "contractType", newContractTypeOrNull != null ? newContractTypeOrNull : currentContract)
        .param("mrrDelta", mrrDelta != null ? mrrDelta : BigDecimal.ZERO)
        .param("now", now)
        .param("id", accountId)
        .update();
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
      accountRows.add(accountParams(a));
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
    batch(INSERT_ACCOUNT, accountRows);
    batch(INSERT_PRODUCT, productRows);
  }

  // --- read by scoring calibration -------------------------------------------------------------

  /** Accounts whose outcome (churned or not) is known, ordered by id. */
  public List<Account> withKnownOutcome() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE churned IS NOT NULL ORDER BY id")
        .query(Accounts::map)
        .list();
  }

  /** Product codes per account id, for all accounts that own any. */
  public Map<String, Set<String>> productsByAccount() {
    Map<String, Set<String>> products = new java.util.HashMap<>();
    jdbc.sql("SELECT account_id, product_code FROM account_products ORDER BY product_code")
        .query(
            rs -> {
              products
                  .computeIfAbsent(rs.getString("account_id"), k -> new LinkedHashSet<>())
                  .add(rs.getString("product_code"));
            });
    return products;
  }

  private void batch(String sql, List<SqlParameterSource> rows) {
    for (int from = 0; from < rows.size(); from += BATCH_SIZE) {
      List<SqlParameterSource> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH_SIZE));
      batchJdbc.batchUpdate(sql, chunk.toArray(SqlParameterSource[]::new));
    }
  }

  static MapSqlParameterSource accountParams(Account a) {
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

  private static Account map(ResultSet rs, int rowNum) throws SQLException {
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
