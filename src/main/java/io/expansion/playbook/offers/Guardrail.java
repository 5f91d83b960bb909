package io.expansion.playbook.offers;

/** The offer guardrails a quote is checked against; {@link #id()} names them in errors and logs. */
public enum Guardrail {
  DISCOUNT_RANGE("discount-range"),
  SEGMENT_QUOTES("segment-quotes"),
  SEGMENT_TARGET("segment-target"),
  MAX_DISCOUNT("max-discount"),
  MARGIN_FLOOR("margin-floor"),
  PREREQUISITE("prerequisite"),
  PRODUCT_EXCLUSION("product-exclusion"),
  OFFER_EXCLUSION("offer-exclusion");

  private final String id;

  Guardrail(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
