package io.expansion.playbook.offers;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Offers that cannot be held together ({@code offer_exclusions}, symmetric). */
@Repository
public class OfferExclusions {

  private final JdbcClient jdbc;

  public OfferExclusions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every offer code with the codes it cannot be held with (both directions). */
  public Map<String, Set<String>> all() {
    Map<String, Set<String>> all = new HashMap<>();
    jdbc.sql("SELECT offer_code, excluded_offer_code FROM offer_exclusions")
        .query(
            (rs, n) -> {
              String a = rs.getString(1);
              String b = rs.getString(2);
              all.computeIfAbsent(a, k -> new HashSet<>()).add(b);
              all.computeIfAbsent(b, k -> new HashSet<>()).add(a);
              return a;
            })
        .list();
    return all;
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
