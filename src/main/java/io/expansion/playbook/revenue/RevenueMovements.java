package io.expansion.playbook.revenue;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code revenue_movements} table. */
@Repository
public class RevenueMovements {

  private static final String COLUMNS =
      "id, account_id, type, effective_date, amount, mrr_before, mrr_after, source, import_id,"
          + " signal_id, journey_id, offer_id, play, reason, recorded_at";

  private static final String INSERT =
      """
      INSERT INTO revenue_movements (business_key, account_id, type, effective_date, amount,
        mrr_before, mrr_after, source, import_id, signal_id, journey_id, offer_id, play, reason,
        recorded_at)
      VALUES (:key, :account, :type, :date, :amount, :before, :after, :source, :importId,
        :signalId, :journeyId, :offerId, :play, :reason, :at)
      """;

  /** Filter of the movement list; every part may be {@code null}. */
  public record Filter(String accountId, LocalDate from, LocalDate to, String type) {}

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batchJdbc;

  RevenueMovements(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc) {
    this.jdbc = jdbc;
    this.batchJdbc = batchJdbc;
  }

  /** Writes the row unless its business key is already recorded; returns its id if written. */
  Optional<Long> insertIfAbsent(NewMovement m, OffsetDateTime now) {
    boolean exists =
        jdbc.sql("SELECT COUNT(*) FROM revenue_movements WHERE business_key = ?")
                .param(m.businessKey())
                .query(Long.class)
                .single()
            > 0;
    if (exists) {
      return Optional.empty();
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(INSERT).paramSource(params(m, now)).update(key, "id");
    return Optional.of(key.getKey().longValue());
  }

  /** Writes rows with one JDBC batch. */
  void insertAll(List<NewMovement> rows, OffsetDateTime now) {
    if (!rows.isEmpty()) {
      batchJdbc.batchUpdate(
          INSERT, rows.stream().map(m -> params(m, now)).toArray(SqlParameterSource[]::new));
    }
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM revenue_movements WHERE id = ?").param(id).update();
  }

  /** One page of movements, oldest effective date first. */
  public List<Movement> page(Filter filter, int page, int size) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM revenue_movements"
                + where(filter)
                + " ORDER BY effective_date, id LIMIT :limit OFFSET :offset")
        .paramSource(
            filterParams(filter).addValue("limit", size).addValue("offset", (long) page * size))
        .query(RevenueMovements::map)
        .list();
  }

  public long count(Filter filter) {
    return jdbc.sql("SELECT COUNT(*) FROM revenue_movements" + where(filter))
        .paramSource(filterParams(filter))
        .query(Long.class)
        .single();
  }

  /** Sum of the signed amounts per type (every type present, 0 when none). */
  public Map<String, BigDecimal> totals(Filter filter) {
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    MovementType.codes().forEach(code -> totals.put(code, BigDecimal.ZERO.setScale(2)));
    jdbc.sql("SELECT type, SUM(amount) FROM revenue_movements" + where(filter) + " GROUP BY type")
        .paramSource(filterParams(filter))
        .query((RowCallbackHandler) rs -> totals.put(rs.getString(1), rs.getBigDecimal(2)));
    return totals;
  }

  public List<Movement> forAccount(String accountId) {
    return page(new Filter(accountId, null, null, null), 0, Integer.MAX_VALUE);
  }

  private static String where(Filter f) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (f.accountId() != null) {
      where.append(" AND account_id = :account");
    }
    if (f.from() != null) {
      where.append(" AND effective_date >= :from");
    }
    if (f.to() != null) {
      where.append(" AND effective_date <= :to");
    }
    if (f.type() != null) {
      where.append(" AND type = :type");
    }
    return where.toString();
  }

  private static MapSqlParameterSource filterParams(Filter f) {
    return new MapSqlParameterSource()
        .addValue("account", f.accountId())
        .addValue("from", f.from(), Types.DATE)
        .addValue("to", f.to(), Types.DATE)
        .addValue("type", f.type());
  }

  private static MapSqlParameterSource params(NewMovement m, OffsetDateTime now) {
    NewMovement.Origin o = m.origin();
    return new MapSqlParameterSource()
        .addValue("key", m.businessKey())
        .addValue("account", m.accountId())
        .addValue("type", m.type().code())
        .addValue("date", m.effectiveDate(), Types.DATE)
        .addValue("amount", m.amount(), Types.NUMERIC)
        .addValue("before", m.mrrBefore(), Types.NUMERIC)
        .addValue("after", m.mrrAfter(), Types.NUMERIC)
        .addValue("source", m.source())
        .addValue("importId", o.importId(), Types.VARCHAR)
        .addValue("signalId", o.signalId(), Types.BIGINT)
        .addValue("journeyId", o.journeyId(), Types.VARCHAR)
        .addValue("offerId", o.offerId(), Types.BIGINT)
        .addValue("play", o.play(), Types.VARCHAR)
        .addValue("reason", truncate(m.reason()), Types.VARCHAR)
        .addValue("at", now);
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= 300 ? reason : reason.substring(0, 297) + "...";
  }

  private static Movement map(ResultSet rs, int n) throws SQLException {
    return new Movement(
        rs.getLong("id"),
        rs.getString("account_id"),
        rs.getString("type"),
        rs.getObject("effective_date", LocalDate.class),
        rs.getBigDecimal("amount"),
        rs.getBigDecimal("mrr_before"),
        rs.getBigDecimal("mrr_after"),
        rs.getString("source"),
        rs.getString("import_id"),
        rs.getObject("signal_id", Long.class),
        rs.getString("journey_id"),
        rs.getObject("offer_id", Long.class),
        rs.getString("play"),
        rs.getString("reason"),
        rs.getObject("recorded_at", OffsetDateTime.class));
  }
}
