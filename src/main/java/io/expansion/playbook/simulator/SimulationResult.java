package io.expansion.playbook.simulator;

import io.expansion.playbook.kpi.KpiService;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One setting's run: its KPIs over the simulated days (the kpi package's report from the revenue
 * ledger), each experiment's results, the holdout and what the simulated people did.
 *
 * @param plantedEffects per experiment, whether its result recovers the planted effect
 * @param holdout accounts held out, touches they received, decisions {@code held-out} about them
 * @param activity signals sent, answers given, tasks completed
 */
public record SimulationResult(
    String setting,
    LocalDate from,
    LocalDate to,
    int accounts,
    long wallMillis,
    KpiService.Report kpis,
    List<Map<String, Object>> experiments,
    List<Map<String, Object>> plantedEffects,
    Map<String, Object> holdout,
    Map<String, Object> activity) {}
