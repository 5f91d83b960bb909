package io.expansion.playbook.offers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Offers that cannot be held together ({@code offer_exclusions}, symmetric). */
@Repository
public class OfferExclusions {

  private final JdbcClient jdbc;

  public OfferExclusions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The offers excluded by {@code offerCode}, with the reason, in either direction. */
  public Map<String, String> conflictingWith(String offerCode) {
    Map<String, String> conflicts = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT excluded_offer_code AS code, reason FROM offer_exclusions WHERE offer_code = :c
            UNION
            SELECT offer_code AS code, reason FROM offer_exclusions WHERE excluded_offer_code = :c
            """)
        .param("c", offerCode)
        .query((rs, n) -> conflicts.put(rs.getString("code"), rs.getString("reason")))
        .list();
    return conflicts;
  }
}
