package io.expansion.playbook.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The reference a score card is compared with: plain logistic regression on the raw factor values
 * (numbers standardised on the training split, missing numbers at the training mean, one column per
 * category), fitted and measured on the same split as the score card.
 */
final class RawBaseline {

  private static final double RIDGE = 1e-4;
  private static final int ITERATIONS = 30;

  private RawBaseline() {}

  /** Hold-out ROC AUC of plain logistic regression on the raw values. */
  static double holdoutAuc(
      List<Calibrator.Example> examples, List<Integer> train, List<Integer> holdout) {
    List<Column> columns = columns(examples, train);
    double[][] x = new double[examples.size()][];
    for (int i = 0; i < examples.size(); i++) {
      x[i] = row(examples.get(i).features(), columns);
    }
    int d = columns.size() + 1;
    double[] beta = new double[d];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int i : train) {
        double p = LogisticRegression.sigmoid(dot(beta, x[i]));
        double residual = p - (examples.get(i).churned() ? 1 : 0);
        double w = Math.max(p * (1 - p), 1e-12);
        for (int a = 0; a < d; a++) {
          double xa = a == 0 ? 1 : x[i][a - 1];
          gradient[a] += residual * xa;
          for (int b = 0; b <= a; b++) {
            hessian[a][b] += w * xa * (b == 0 ? 1 : x[i][b - 1]);
          }
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < a; b++) {
          hessian[b][a] = hessian[a][b];
        }
        hessian[a][a] += RIDGE;
        gradient[a] += a == 0 ? 0 : RIDGE * beta[a];
      }
      double[] step = LogisticRegression.solve(hessian, gradient);
      double largest = 0;
      for (int a = 0; a < d; a++) {
        beta[a] -= step[a];
        largest = Math.max(largest, Math.abs(step[a]));
      }
      if (largest < 1e-8) {
        break;
      }
    }
    double[] scores = new double[holdout.size()];
    boolean[] labels = new boolean[holdout.size()];
    for (int r = 0; r < holdout.size(); r++) {
      scores[r] = dot(beta, x[holdout.get(r)]);
      labels[r] = examples.get(holdout.get(r)).churned();
    }
    return RocAuc.of(scores, labels);
  }

  /** A numeric column (mean, sd) or the indicator of one category. */
  private record Column(String factor, String category, double mean, double sd) {}

  private static List<Column> columns(List<Calibrator.Example> examples, List<Integer> train) {
    Map<String, List<Object>> values = new LinkedHashMap<>();
    for (int i : train) {
      examples
          .get(i)
          .features()
          .forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    List<Column> columns = new ArrayList<>();
    values.forEach(
        (factor, list) -> {
          List<Object> present = list.stream().filter(v -> v != null).toList();
          if (present.isEmpty()) {
            return;
          }
          if (present.stream().allMatch(Number.class::isInstance)) {
            double mean =
                present.stream().mapToDouble(v -> ((Number) v).doubleValue()).average().orElse(0);
            double variance =
                present.stream()
                    .mapToDouble(v -> Math.pow(((Number) v).doubleValue() - mean, 2))
                    .average()
                    .orElse(0);
            if (variance > 0) {
              columns.add(new Column(factor, null, mean, Math.sqrt(variance)));
            }
          } else {
            TreeSet<String> categories = new TreeSet<>();
            present.forEach(v -> categories.add(v.toString()));
            if (categories.size() > 1) {
              categories.forEach(c -> columns.add(new Column(factor, c, 0, 1)));
            }
          }
        });
    return columns;
  }

  private static double[] row(Map<String, Object> features, List<Column> columns) {
    double[] row = new double[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      Column column = columns.get(c);
      Object value = features.get(column.factor());
      if (column.category() != null) {
        row[c] = value != null && column.category().equals(value.toString()) ? 1 : 0;
      } else {
        row[c] = value instanceof Number n ? (n.doubleValue() - column.mean()) / column.sd() : 0;
      }
    }
    return row;
  }

  private static double dot(double[] beta, double[] x) {
    double z = beta[0];
    for (int j = 0; j < x.length; j++) {
      z += beta[j + 1] * x[j];
    }
    return z;
  }
}
