package io.expansion.playbook.offers;

import java.math.BigDecimal;
import java.util.List;

/** Catalog offers and guardrails for the pure policy tests. */
final class PolicyFixtures {

  static final GuardrailPolicy GUARDRAILS =
      new GuardrailPolicy(
          1,
          new BigDecimal("0.40"),
          new BigDecimal("0.30"),
          new BigDecimal("0.15"),
          30,
          2,
          7,
          "PT48H",
          "P14D");

  static CatalogOffer addon(String code, String product, String price, String cost) {
    return new CatalogOffer(
        code,
        code,
        "addon",
        new BigDecimal(price),
        new BigDecimal(cost),
        new BigDecimal("0.40"),
        new BigDecimal("0.30"),
        List.of("high-potential", "stable-adopter"),
        List.of("INTERNET_DSL", "INTERNET_FIBER"),
        List.of(product),
        List.of(product),
        List.of(),
        null,
        "An add-on",
        true);
  }

  private PolicyFixtures() {}
}
