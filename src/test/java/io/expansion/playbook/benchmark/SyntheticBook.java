package io.expansion.playbook.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic book of N accounts in the Telco book's CSV layout, with a realistic mix of
 * contracts (month-to-month, one- and two-year), tenure, internet tier, add-on products, MRR,
 * payment method and paperless billing (which drives e-mail consent). The mix follows the public
 * Telco sample's marginals, so scoring and segmentation spread the accounts over all segments.
 * Deterministic for a given seed.
 */
final class SyntheticBook {

  static final String HEADER =
      "\"churn\",\"female\",\"senior_citizen\",\"partner\",\"dependents\",\"tenure\","
          + "\"phone_service\",\"multiple_lines\",\"internet_service\",\"online_security\","
          + "\"online_backup\",\"device_protection\",\"tech_support\",\"streaming_tv\","
          + "\"streaming_movies\",\"contract\",\"paperless_billing\",\"payment_method\","
          + "\"monthly_charges\",\"total_charges\"";

  private static final String[] PAYMENT = {
    "Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"
  };
  private static final double[] PAYMENT_SHARE = {0.34, 0.23, 0.22, 0.21};

  private SyntheticBook() {}

  /** Writes the book to {@code file} (replacing it) and returns the file. */
  static Path write(Path file, int accounts, long seed) {
    Random random = new Random(seed + accounts);
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        out.write(HEADER);
        out.newLine();
        for (int i = 0; i < accounts; i++) {
          out.write(row(random));
          out.newLine();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write synthetic book " + file, e);
    }
    return file;
  }

  private static String row(Random r) {
    double c = r.nextDouble();
    String contract = c < 0.55 ? "Month-to-month" : c < 0.76 ? "One year" : "Two year";
    int tenure =
        switch (contract) {
          case "Month-to-month" ->
              (int) Math.min(72, Math.round(-Math.log(1 - r.nextDouble()) * 12));
          case "One year" -> 6 + r.nextInt(67);
          default -> 18 + r.nextInt(55);
        };
    boolean phone = r.nextDouble() < 0.9;
    String multipleLines = !phone ? "No phone service" : r.nextDouble() < 0.47 ? "Yes" : "No";
    double i = r.nextDouble();
    String internet = i < 0.44 ? "Fiber optic" : i < 0.78 ? "DSL" : "No";
    String[] addOns = new String[6];
    double[] addOnShare = {0.37, 0.44, 0.44, 0.37, 0.49, 0.50};
    int addOnCount = 0;
    for (int a = 0; a < 6; a++) {
      if (internet.equals("No")) {
        addOns[a] = "No internet service";
      } else {
        boolean yes =
            r.nextDouble() < addOnShare[a] + (contract.equals("Month-to-month") ? -0.1 : 0.1);
        addOns[a] = yes ? "Yes" : "No";
        addOnCount += yes ? 1 : 0;
      }
    }
    double monthly =
        (phone ? 20 : 0)
            + (multipleLines.equals("Yes") ? 5 : 0)
            + switch (internet) {
              case "Fiber optic" -> 50;
              case "DSL" -> 22;
              default -> 0;
            }
            + addOnCount * 7.5
            + r.nextGaussian() * 3;
    monthly = Math.max(18.25, Math.min(118.75, monthly));
    boolean paperless = r.nextDouble() < (internet.equals("No") ? 0.3 : 0.68);
    String payment = PAYMENT[pick(r, PAYMENT_SHARE)];
    double churnRisk = (contract.equals("Month-to-month") ? 0.4 : 0.06) * (tenure < 12 ? 1.3 : 0.7);
    String total = tenure == 0 ? "NA" : fmt(monthly * tenure * (0.95 + r.nextDouble() * 0.1));
    return String.join(
        ",",
        q(r.nextDouble() < churnRisk ? "Yes" : "No"),
        bit(r.nextBoolean()),
        bit(r.nextDouble() < 0.16),
        bit(r.nextDouble() < 0.48),
        bit(r.nextDouble() < 0.3),
        Integer.toString(tenure),
        bit(phone),
        q(multipleLines),
        q(internet),
        q(addOns[0]),
        q(addOns[1]),
        q(addOns[2]),
        q(addOns[3]),
        q(addOns[4]),
        q(addOns[5]),
        q(contract),
        bit(paperless),
        q(payment),
        fmt(monthly),
        total);
  }

  private static int pick(Random r, double[] shares) {
    double x = r.nextDouble();
    for (int k = 0; k < shares.length; k++) {
      x -= shares[k];
      if (x < 0) {
        return k;
      }
    }
    return shares.length - 1;
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  private static String bit(boolean b) {
    return b ? "1" : "0";
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
