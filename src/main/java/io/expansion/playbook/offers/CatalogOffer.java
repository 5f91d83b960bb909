package io.expansion.playbook.offers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;

/**
 * One row of {@code catalog_offers}; the comma lists are parsed into lists.
 *
 * @param listPrice monthly list price
 * @param unitCost monthly cost
 * @param marginFloor minimum {@code (net - cost) / net} after discount
 * @param maxDiscount largest discount allowed, as a fraction of the list price
 * @param targetSegments segments the offer may be proposed to
 * @param requiresProducts the account must own at least one of these (empty: no prerequisite)
 * @param excludesProducts the offer is not eligible if the account owns any of these
 * @param grantsProducts products added on provisioning
 * @param removesProducts products removed on provisioning
 * @param newContractType contract type set on provisioning; {@code null} unless a contract offer
 */
public record CatalogOffer(
    String code,
    String name,
    String kind,
    BigDecimal listPrice,
    BigDecimal unitCost,
    BigDecimal marginFloor,
    BigDecimal maxDiscount,
    List<String> targetSegments,
    List<String> requiresProducts,
    List<String> excludesProducts,
    List<String> grantsProducts,
    List<String> removesProducts,
    String newContractType,
    String description,
    boolean active) {

  public CatalogOffer {
    targetSegments = List.copyOf(targetSegments);
    requiresProducts = List.copyOf(requiresProducts);
    excludesProducts = List.copyOf(excludesProducts);
    grantsProducts = List.copyOf(grantsProducts);
    removesProducts = List.copyOf(removesProducts);
  }

  /**
   * Lowest monthly net price that keeps the margin floor: {@code unitCost / (1 - marginFloor)},
   * rounded half-up to cents; zero for free offers (list price 0).
   */
  public BigDecimal minimumPrice() {
    if (listPrice.signum() == 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    BigDecimal keep = BigDecimal.ONE.subtract(marginFloor);
    if (keep.signum() <= 0) {
      throw new IllegalStateException("Margin floor of " + code + " must be below 1");
    }
    return unitCost.divide(keep, 2, RoundingMode.HALF_UP);
  }

  /** Whether the offer may be proposed to accounts in {@code segment}. */
  public boolean targets(String segment) {
    return targetSegments.contains(segment);
  }

  /**
   * Whether an account owning {@code ownedProducts} may take the offer: it owns at least one
   * required product (or none is required) and none of the excluded ones.
   */
  public boolean eligibleFor(Collection<String> ownedProducts) {
    boolean prerequisiteMet =
        requiresProducts.isEmpty() || requiresProducts.stream().anyMatch(ownedProducts::contains);
    return prerequisiteMet && excludesProducts.stream().noneMatch(ownedProducts::contains);
  }
}
