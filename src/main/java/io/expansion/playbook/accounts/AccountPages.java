package io.expansion.playbook.accounts;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The whole book in pages: the ids in order, a page of accounts with their products, scores and
 * segments of a page stored in batches (whole-book scoring), and every account with a known outcome
 * (calibration).
 */
@Repository
public class AccountPages {

  private static final int BATCH_SIZE = 500;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batchJdbc;
  private final Clock clock;

  public AccountPages(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, Clock clock) {
    this.jdbc = jdbc;
    this.batchJdbc = batchJdbc;
    this.clock = clock;
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
                + AccountRows.COLUMNS
                + " FROM accounts WHERE id BETWEEN :first AND :last ORDER BY id"
                + (lock ? " FOR UPDATE" : ""))
        .param("first", firstId)
        .param("last", lastId)
        .query(AccountRows::map)
        .list();
  }

  /** Product codes per account id, for the accounts whose ids lie between the two (inclusive). */
  public Map<String, Set<String>> productsBetween(String firstId, String lastId) {
    Map<String, Set<String>> products = new HashMap<>();
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
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
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

  /** Accounts whose outcome (churned or not) is known, ordered by id. */
  public List<Account> withKnownOutcome() {
    return jdbc.sql(
            "SELECT "
                + AccountRows.COLUMNS
                + " FROM accounts WHERE churned IS NOT NULL ORDER BY id")
        .query(AccountRows::map)
        .list();
  }

  /** Product codes per account id, for all accounts that own any. */
  public Map<String, Set<String>> productsByAccount() {
    Map<String, Set<String>> products = new HashMap<>();
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
}
