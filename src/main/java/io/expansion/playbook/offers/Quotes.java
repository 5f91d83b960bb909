package io.expansion.playbook.offers;

import io.expansion.playbook.database.RecordRows;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Quotes; one per business key. Only {@link QuoteService} inserts them, after checking every
 * guardrail; the table's CHECK constraints refuse a discount above the stored limit or a margin
 * below the stored floor.
 */
@Repository
public class Quotes {

  /** A stored quote as the API shows it. */
  public record StoredQuote(
      long id,
      String businessKey,
      long offerId,
      String offerCode,
      String accountId,
      BigDecimal listPrice,
      BigDecimal discount,
      BigDecimal netPrice,
      BigDecimal margin,
      boolean needsApproval,
      String status,
      int guardrailVersion,
      BigDecimal maxDiscountLimit,
      BigDecimal marginFloorLimit,
      String origin,
      OffsetDateTime createdAt) {}

  private static final String SELECT_STORED =
      """
      SELECT q.id, q.business_key, q.offer_id, o.offer_code, q.account_id, q.list_price,
             q.discount, q.net_price, q.margin, q.needs_approval, q.status, q.guardrail_version,
             q.max_discount_limit, q.margin_floor_limit, q.origin, q.created_at
      FROM quotes q JOIN offers o ON o.id = q.offer_id
      """;

  private final JdbcClient jdbc;

  public Quotes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<QuoteTerms> byBusinessKey(String businessKey) {
    return jdbc.sql(
            """
            SELECT q.id AS quote_id, o.offer_code, q.list_price, q.discount, q.net_price, q.margin,
                   q.needs_approval, COALESCE(d.rationale, '') AS rationale
            FROM quotes q JOIN offers o ON o.id = q.offer_id
            LEFT JOIN decisions d ON d.business_key = q.business_key
            WHERE q.business_key = ?
            """)
        .param(businessKey)
        .query(RecordRows.of(QuoteTerms.class))
        .optional();
  }

  public List<StoredQuote> forAccount(String accountId) {
    return jdbc.sql(SELECT_STORED + " WHERE q.account_id = ? ORDER BY q.id DESC")
        .param(accountId)
        .query(RecordRows.of(StoredQuote.class))
        .list();
  }

  public Optional<StoredQuote> find(long id) {
    return jdbc.sql(SELECT_STORED + " WHERE q.id = ?")
        .param(id)
        .query(RecordRows.of(StoredQuote.class))
        .optional();
  }

  /** Package-private on purpose: quotes are created through {@link QuoteService} only. */
  long insert(
      String businessKey,
      long offerId,
      String accountId,
      QuoteTerms terms,
      EffectiveLimits limits,
      String origin,
      OffsetDateTime now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO quotes (business_key, offer_id, account_id, list_price, discount,
                                net_price, margin, needs_approval, status, guardrail_version,
                                max_discount_limit, margin_floor_limit, origin, created_at)
            VALUES (:key, :offer, :account, :list, :discount, :net, :margin, :approval, 'OPEN',
                    :version, :maxLimit, :floorLimit, :origin, :now)
            """)
        .param("key", businessKey)
        .param("offer", offerId)
        .param("account", accountId)
        .param("list", terms.listPrice())
        .param("discount", terms.discount())
        .param("net", terms.netPrice())
        .param("margin", terms.margin())
        .param("approval", terms.needsApproval())
        .param("version", limits.policyVersion())
        .param("maxLimit", limits.maxDiscount())
        .param("floorLimit", limits.marginFloor())
        .param("origin", origin)
        .param("now", now)
        .update(key, "id");
    return key.getKey().longValue();
  }

  void close(long quoteId, String status) {
    jdbc.sql("UPDATE quotes SET status = ? WHERE id = ? AND status = 'OPEN'")
        .params(status, quoteId)
        .update();
  }
}
