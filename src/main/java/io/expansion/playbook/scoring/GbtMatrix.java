package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The boosted trees' input: one column per numeric factor and one 0/1 column per category of a
 * categorical factor (categories rarer than the minimum share an {@code other} column), every
 * example's row, and the labels. Slices rows into XGBoost matrices.
 */
record GbtMatrix(List<GbtModel.Column> columns, float[][] data, boolean[] labels) {

  /** The input columns of the trees, from the training rows' values. */
  static List<GbtModel.Column> columns(
      List<Map<String, Object>> features, List<Integer> train, int minCount) {
    Map<String, List<Object>> values = new LinkedHashMap<>();
    for (int row : train) {
      features.get(row).forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    List<GbtModel.Column> columns = new ArrayList<>();
    values.forEach(
        (factor, list) ->
            Binning.build(factor, list, 2, 1)
                .ifPresent(
                    binned -> {
                      if (BinnedFactor.NUMERIC.equals(binned.kind())) {
                        columns.add(new GbtModel.Column(factor, null));
                      } else {
                        categories(list, minCount)
                            .forEach(c -> columns.add(new GbtModel.Column(factor, c)));
                      }
                    }));
    return List.copyOf(columns);
  }

  /** Categories seen at least {@code minCount} times, then {@code other} for the rest. */
  private static List<String> categories(List<Object> values, int minCount) {
    Map<String, Integer> counts = new TreeMap<>();
    values.stream()
        .filter(v -> v != null)
        .forEach(v -> counts.merge(v.toString(), 1, Integer::sum));
    List<String> frequent = new ArrayList<>();
    boolean rare = false;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() >= minCount) {
        frequent.add(e.getKey());
      } else {
        rare = true;
      }
    }
    if (rare) {
      frequent.add(BinnedFactor.OTHER);
    }
    return frequent;
  }

  /** Every example's row over the given columns. */
  static GbtMatrix of(
      List<GbtModel.Column> columns, List<Map<String, Object>> features, boolean[] labels) {
    Map<String, Set<String>> categories = GbtModel.categories(columns);
    float[][] data = new float[features.size()][];
    for (int i = 0; i < data.length; i++) {
      data[i] = GbtModel.encode(features.get(i), columns, categories);
    }
    return new GbtMatrix(columns, data, labels);
  }

  /** The given rows (and their labels) as an XGBoost matrix; the caller disposes of it. */
  DMatrix rows(List<Integer> rows) {
    int width = columns.size();
    float[] flat = new float[rows.size() * width];
    float[] y = new float[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(data[rows.get(r)], 0, flat, r * width, width);
      y[r] = labels[rows.get(r)] ? 1 : 0;
    }
    try {
      DMatrix matrix = new DMatrix(flat, rows.size(), width, Float.NaN);
      matrix.setLabel(y);
      return matrix;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
    }
  }
}
