package io.expansion.playbook.scoring;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * L2-regularised logistic regression over one-hot bins, fitted by Newton's method (IRLS). Each row
 * activates exactly one bin per factor, given as the bins' column indices; the intercept is not
 * penalised.
 */
public final class LogisticRegression {

  private static final int MAX_ITERATIONS = 50;
  private static final double TOLERANCE = 1e-8;

  private LogisticRegression() {}

  /** Intercept and one weight per column (log-odds of the positive class). */
  public record Fit(double intercept, double[] weights, int iterations) {

    public double logit(int[] columns) {
      double z = intercept;
      for (int c : columns) {
        z += weights[c];
      }
      return z;
    }
  }

  /**
   * @param rows per row, the active column of each factor
   * @param positive per row, the outcome
   * @param columns number of columns
   * @param l2 penalty λ of {@code λ/2·Σw²}, &gt; 0
   */
  public static Fit fit(int[][] rows, boolean[] positive, int columns, double l2) {
    if (l2 <= 0) {
      throw new IllegalArgumentException("l2 must be positive");
    }
    int d = columns + 1; // index 0 = intercept
    double[] beta = new double[d];
    int iteration = 0;
    while (iteration < MAX_ITERATIONS) {
      iteration++;
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int r = 0; r < rows.length; r++) {
        int[] active = rows[r];
        double z = beta[0];
        for (int c : active) {
          z += beta[c + 1];
        }
        double p = sigmoid(z);
        double residual = p - (positive[r] ? 1 : 0);
        double w = Math.max(p * (1 - p), 1e-12);
        gradient[0] += residual;
        hessian[0][0] += w;
        for (int a : active) {
          gradient[a + 1] += residual;
          hessian[0][a + 1] += w;
          hessian[a + 1][0] += w;
          for (int b : active) {
            hessian[a + 1][b + 1] += w;
          }
        }
      }
      for (int j = 1; j < d; j++) {
        gradient[j] += l2 * beta[j];
        hessian[j][j] += l2;
      }
      hessian[0][0] += 1e-9;
      double[] step = solve(hessian, gradient);
      double largest = 0;
      for (int j = 0; j < d; j++) {
        beta[j] -= step[j];
        largest = Math.max(largest, Math.abs(step[j]));
      }
      if (largest < TOLERANCE) {
        break;
      }
    }
    double[] weights = new double[columns];
    System.arraycopy(beta, 1, weights, 0, columns);
    return new Fit(beta[0], weights, iteration);
  }

  public static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /**
   * Solves {@code A x = b} for a symmetric positive-definite A (Hipparchus' Cholesky
   * decomposition).
   *
   * @throws IllegalStateException when A is not positive definite
   */
  static double[] solve(double[][] a, double[] b) {
    try {
      return new CholeskyDecomposition(MatrixUtils.createRealMatrix(a))
          .getSolver()
          .solve(new ArrayRealVector(b, false))
          .toArray();
    } catch (MathIllegalArgumentException e) {
      throw new IllegalStateException("Hessian is not positive definite", e);
    }
  }
}
