package io.expansion.playbook.scoring;

/**
 * Platt scaling: a logistic fit of the outcome on a model's margin, {@code P(churn) = σ(slope ×
 * margin + intercept)}. Being linear in the margin, it keeps SHAP values additive.
 */
final class Platt {

  private static final double RIDGE = 1e-6;

  private Platt() {}

  /** Slope and intercept of the calibrated log-odds. */
  record Fit(double slope, double intercept) {}

  /** Fits by Newton's method; the slope is kept positive (a model that ranks backwards is not). */
  static Fit fit(double[] margins, boolean[] churned) {
    double a = 1;
    double b = 0;
    for (int iteration = 0; iteration < 50; iteration++) {
      double ga = RIDGE * (a - 1);
      double gb = 0;
      double haa = RIDGE;
      double hab = 0;
      double hbb = RIDGE;
      for (int i = 0; i < margins.length; i++) {
        double p = LogisticRegression.sigmoid(a * margins[i] + b);
        double residual = p - (churned[i] ? 1 : 0);
        double w = Math.max(p * (1 - p), 1e-12);
        ga += residual * margins[i];
        gb += residual;
        haa += w * margins[i] * margins[i];
        hab += w * margins[i];
        hbb += w;
      }
      double[] step =
          LogisticRegression.solve(new double[][] {{haa, hab}, {hab, hbb}}, new double[] {ga, gb});
      a -= step[0];
      b -= step[1];
      if (Math.abs(step[0]) + Math.abs(step[1]) < 1e-10) {
        break;
      }
    }
    return new Fit(Math.max(a, 1e-3), b);
  }
}
