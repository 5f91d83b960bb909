package io.expansion.playbook.offers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the offer catalog. */
@Repository
public class Catalog {

  private static final String SELECT =
      """
      SELECT code, name, kind, list_price, unit_cost, margin_floor, max_discount,
             target_segments, requires_products, excludes_products, grants_products,
             removes_products, new_contract_type, description, active
      FROM catalog_offers
      """;

  private final JdbcClient jdbc;

  public Catalog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Active offers, ordered by code. */
  public List<CatalogOffer> active() {
    return jdbc.sql(SELECT + " WHERE active = TRUE ORDER BY code").query(Catalog::map).list();
  }

  /** The offer with this code, active or not. */
  public Optional<CatalogOffer> find(String code) {
    return jdbc.sql(SELECT + " WHERE code = :code")
        .param("code", code)
        .query(Catalog::map)
        .optional();
  }

  /**
   * Whether the customer may accept the offer by themselves (in-app or by email) and have it
   * provisioned at list price within the guardrails, without a CSM ({@code self_serve}, V12).
   */
  public boolean selfServe(String code) {
    return jdbc.sql("SELECT self_serve FROM catalog_offers WHERE code = ?")
        .param(code)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  private static CatalogOffer map(ResultSet rs, int rowNum) throws SQLException {
    return new CatalogOffer(
        rs.getString("code"),
        rs.getString("name"),
        rs.getString("kind"),
        rs.getBigDecimal("list_price"),
        rs.getBigDecimal("unit_cost"),
        rs.getBigDecimal("margin_floor"),
        rs.getBigDecimal("max_discount"),
        split(rs.getString("target_segments")),
        split(rs.getString("requires_products")),
        split(rs.getString("excludes_products")),
        split(rs.getString("grants_products")),
        split(rs.getString("removes_products")),
        rs.getString("new_contract_type"),
        rs.getString("description"),
        rs.getBoolean("active"));
  }

  static List<String> split(String commaList) {
    if (commaList == null || commaList.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
