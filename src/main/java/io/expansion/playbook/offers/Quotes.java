package io.expansion.playbook.offers;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Quotes; one per business key. */
@Repository
public class Quotes {

  private final JdbcClient jdbc;

  public Quotes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<QuoteTerms> byBusinessKey(String businessKey) {
    return jdbc.sql(
            """
            SELECT q.id AS quote_id, o.offer_code, q.list_price, q.discount, q.net_price, q.margin,
                   q.needs_approval, '' AS rationale
            FROM quotes q JOIN offers o ON o.id = q.offer_id WHERE q.business_key = ?
            """)
        .param(businessKey)
        .query(QuoteTerms.class)
        .optional();
  }

  long insert(
      String businessKey,
      long offerId,
      String accountId,
      QuoteTerms terms,
      int guardrailVersion,
      OffsetDateTime now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO quotes (business_key, offer_id, account_id, list_price, discount,
                                net_price, margin, needs_approval, status, guardrail_version,
                                created_at)
            VALUES (:key, :offer, :account, :list, :discount, :net, :margin, :approval, 'OPEN',
                    :version, :now)
            """)
        .param("key", businessKey)
        .param("offer", offerId)
        .param("account", accountId)
        .param("list", terms.listPrice())
        .param("discount", terms.discount())
        .param("net", terms.netPrice())
        .param("margin", terms.margin())
        .param("approval", terms.needsApproval())
        .param("version", guardrailVersion)
        .param("now", now)
        .update(key, "id");
    return key.getKey().longValue();
  }

  void close(long quoteId, String status) {
    jdbc.sql("UPDATE quotes SET status = ? WHERE id = ?").params(status, quoteId).update();
  }
}
