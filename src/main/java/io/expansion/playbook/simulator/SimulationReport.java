package io.expansion.playbook.simulator;

import io.expansion.playbook.kpi.Kpi;
import java.util.List;
import java.util.Map;

/** The command line's report: the settings' KPIs side by side, the experiments and the holdout. */
final class SimulationReport {

  private SimulationReport() {}

  static String format(SimulationPlan plan, List<SimulationResult> results) {
    StringBuilder out = new StringBuilder();
    SimulationResult first = results.get(0);
    out.append(
        String.format(
            "%nSIMULATION %d days (%s..%s), seed %d, %d accounts (share %s)%n",
            plan.days(),
            first.from(),
            first.to(),
            plan.seed(),
            first.accounts(),
            plan.accountShare()));
    out.append(String.format("%-34s", "KPI"));
    results.forEach(r -> out.append(String.format("%20s", r.setting())));
    out.append('\n');
    for (int i = 0; i < first.kpis().kpis().size(); i++) {
      Kpi kpi = first.kpis().kpis().get(i);
      out.append(String.format("%-34s", kpi.name() + " (" + kpi.unit() + ")"));
      for (SimulationResult r : results) {
        Object value = r.kpis().kpis().get(i).value();
        out.append(String.format("%20s", value == null ? "-" : value));
      }
      out.append('\n');
    }
    for (SimulationResult r : results) {
      out.append(String.format("%n[%s] wall time %.1f s%n", r.setting(), r.wallMillis() / 1000.0));
      for (Map<String, Object> experiment : r.experiments()) {
        out.append("  experiment ").append(experiment.get("key")).append(": ");
        out.append(experiment.get("exposedAccounts")).append(" accounts exposed\n");
        out.append("    arms ").append(experiment.get("arms")).append('\n');
        out.append("    primary ").append(experiment.get("primary")).append('\n');
        out.append("    sample ratio ").append(experiment.get("sampleRatio")).append('\n');
        out.append("    warnings ").append(experiment.get("warnings")).append('\n');
      }
      r.plantedEffects().forEach(p -> out.append("  planted effect ").append(p).append('\n'));
      out.append("  holdout ").append(r.holdout()).append('\n');
      out.append("  activity ").append(r.activity()).append('\n');
    }
    return out.toString();
  }
}
