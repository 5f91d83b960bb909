package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A factor of a calibrated score card: its bins and the points each bin is worth.
 *
 * @param kind {@code numeric} (bins by upper bound) or {@code categorical} (bins by category)
 */
public record BinnedFactor(String name, String kind, List<Bin> bins) {

  public static final String NUMERIC = "numeric";
  public static final String CATEGORICAL = "categorical";
  static final String OTHER = "other";

  /**
   * One bin.
   *
   * @param upper inclusive upper bound of a numeric bin; {@code null} for the last bin
   * @param categories the categories of a categorical bin ({@code other} holds rare ones)
   * @param missing whether this is the bin of missing values
   * @param share share of the training rows in this bin
   * @param weight fitted log-odds of churn for this bin (centred on the factor's average)
   * @param points health points of this bin
   */
  public record Bin(
      String label,
      Double upper,
      List<String> categories,
      boolean missing,
      double share,
      double weight,
      int points) {

    Bin withWeight(double newWeight, int newPoints) {
      return new Bin(label, upper, categories, missing, share, newWeight, newPoints);
    }
  }

  /** Index of the bin a value falls in, or -1 when no bin takes it (e.g. an unseen category). */
  public int binOf(Object value) {
    for (int i = 0; i < bins.size(); i++) {
      Bin bin = bins.get(i);
      if (value == null) {
        if (bin.missing()) {
          return i;
        }
      } else if (!bin.missing() && NUMERIC.equals(kind)) {
        if (value instanceof Number n && (bin.upper() == null || n.doubleValue() <= bin.upper())) {
          return i;
        }
      } else if (!bin.missing() && bin.categories().contains(value.toString())) {
        return i;
      }
    }
    if (value != null && CATEGORICAL.equals(kind)) {
      for (int i = 0; i < bins.size(); i++) {
        if (OTHER.equals(bins.get(i).label())) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The factor with new weights and points, one per bin. */
  BinnedFactor withWeights(double[] weights, int[] points) {
    List<Bin> weighted = new ArrayList<>(bins.size());
    for (int i = 0; i < bins.size(); i++) {
      weighted.add(bins.get(i).withWeight(weights[i], points[i]));
    }
    return new BinnedFactor(name, kind, List.copyOf(weighted));
  }

  static String format(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
