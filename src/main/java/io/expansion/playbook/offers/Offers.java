package io.expansion.playbook.offers;

import io.expansion.playbook.database.RecordRows;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Offers made. The business key makes a redelivered job find the offer it already made. */
@Repository
public class Offers {

  private static final String COLUMNS =
      "id, account_id, journey_id, offer_code, channel, status, expected_value, discount,"
          + " revenue_delta, created_at, updated_at";

  private final JdbcClient jdbc;

  public Offers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<OfferMade> byBusinessKey(String businessKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM offers WHERE business_key = ?")
        .param(businessKey)
        .query(RecordRows.of(OfferMade.class))
        .optional();
  }

  public Optional<OfferMade> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM offers WHERE id = ?")
        .param(id)
        .query(RecordRows.of(OfferMade.class))
        .optional();
  }

  long insertProposed(
      String businessKey,
      String accountId,
      String journeyId,
      String offerCode,
      String channel,
      BigDecimal expectedValue,
      OffsetDateTime now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO offers (business_key, account_id, journey_id, offer_code, channel, status,
                                expected_value, created_at, updated_at)
            VALUES (:key, :account, :journey, :code, :channel, 'PROPOSED', :ev, :now, :now)
            """)
        .param("key", businessKey)
        .param("account", accountId)
        .param("journey", journeyId)
        .param("code", offerCode)
        .param("channel", channel)
        .param("ev", expectedValue)
        .param("now", now)
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** Moves an offer on; returns false when it already had that status (a redelivered job). */
  boolean updateStatus(
      long id, String status, BigDecimal discount, BigDecimal revenueDelta, OffsetDateTime now) {
    return jdbc.sql(
                """
                UPDATE offers SET status = :status, discount = COALESCE(:discount, discount),
                       revenue_delta = COALESCE(:delta, revenue_delta), updated_at = :now
                WHERE id = :id AND status <> :status
                """)
            .param("status", status)
            .param("discount", discount)
            .param("delta", revenueDelta)
            .param("now", now)
            .param("id", id)
            .update()
        == 1;
  }

  /**
   * Offers of the accounts whose ids lie between the two (inclusive), per account and newest first
   * — what {@link #forAccount} gives one account, for a page of the book at once.
   */
  public Map<String, List<OfferMade>> forAccountsBetween(String firstId, String lastId) {
    Map<String, List<OfferMade>> byAccount = new HashMap<>();
    jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM offers WHERE account_id BETWEEN ? AND ? ORDER BY account_id, id DESC")
        .params(firstId, lastId)
        .query(RecordRows.of(OfferMade.class))
        .list()
        .forEach(o -> byAccount.computeIfAbsent(o.accountId(), k -> new ArrayList<>()).add(o));
    return byAccount;
  }

  public List<OfferMade> forAccount(String accountId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM offers WHERE account_id = ? ORDER BY id DESC")
        .param(accountId)
        .query(RecordRows.of(OfferMade.class))
        .list();
  }
}
