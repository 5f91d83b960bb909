package io.expansion.playbook.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The factors whose direction is known, for the boosted trees' monotone constraints. The health
 * factors fed by signals (open support cases, SLA breaches, overdue invoices, active users, licence
 * utilisation, NPS, ...) are signals from -1 (worst) to +1 (best), so churn may only fall as they
 * rise. Book columns are matched by name: one containing a {@code raisesRisk} word (e.g. {@code
 * service_calls}, {@code overdue}) may only raise churn, one containing a {@code lowersRisk} word
 * (e.g. {@code licence}, {@code nps}) may only lower it.
 *
 * @param raisesRisk name fragments of columns that raise the risk of churn
 * @param lowersRisk name fragments of columns that lower it
 */
record Monotone(List<String> raisesRisk, List<String> lowersRisk) {

  /** +1: churn may only rise with the factor; -1: only fall; 0: no constraint. */
  int direction(String factor) {
    String group = HealthFactors.groupOf(factor);
    if (HealthFactors.NAMES.contains(factor) && !HealthFactors.PROFILE.equals(group)) {
      return -1;
    }
    String name = String.join("_", DerivedFactor.words(factor)).toLowerCase(Locale.ROOT);
    if (raisesRisk.stream().anyMatch(name::contains)) {
      return 1;
    }
    return lowersRisk.stream().anyMatch(name::contains) ? -1 : 0;
  }

  /** XGBoost's {@code monotone_constraints}: one entry per column, 0 for category columns. */
  String constraints(List<GbtModel.Column> columns) {
    StringBuilder text = new StringBuilder("(");
    for (int c = 0; c < columns.size(); c++) {
      GbtModel.Column column = columns.get(c);
      text.append(c == 0 ? "" : ",")
          .append(column.category() == null ? direction(column.factor()) : 0);
    }
    return text.append(')').toString();
  }

  /** The constrained numeric factors and their directions. */
  Map<String, Integer> of(List<GbtModel.Column> columns) {
    Map<String, Integer> constrained = new LinkedHashMap<>();
    for (GbtModel.Column column : columns) {
      int direction = column.category() == null ? direction(column.factor()) : 0;
      if (direction != 0) {
        constrained.put(column.factor(), direction);
      }
    }
    return constrained;
  }
}
