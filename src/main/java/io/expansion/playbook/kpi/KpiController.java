package io.expansion.playbook.kpi;

import io.expansion.playbook.web.ApiException;
import io.expansion.playbook.web.ApiParams;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** KPIs over HTTP: a period's figures, series for charts, and the definitions. */
@RestController
class KpiController {

  private final KpiService kpis;

  KpiController(KpiService kpis) {
    this.kpis = kpis;
  }

  /** A KPI's definition: what it measures and its formula. */
  record Definition(String key, String name, String unit, String definition) {}

  /**
   * Every KPI for a period ({@code from}/{@code to}, or {@code period=month|quarter|ttm} relative
   * to {@code asOf}; default the trailing twelve months), optionally per segment, CSM or play.
   */
  @GetMapping("/api/kpis")
  KpiService.Report report(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String asOf,
      @RequestParam(required = false) String groupBy) {
    GroupBy by = groupBy(groupBy);
    return kpis.report(KpiPeriods.resolve(from, to, period, asOf, kpis.today()), by);
  }

  /** One metric per month or quarter over a range (default the trailing twelve months). */
  @GetMapping("/api/kpis/series")
  KpiService.Series series(
      @RequestParam(required = false) String metric,
      @RequestParam(required = false) String interval,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String asOf,
      @RequestParam(required = false) String groupBy) {
    if (metric == null || metric.isBlank()) {
      throw ApiException.badRequest(
          "Parameter 'metric' is required; known metrics: "
              + String.join(", ", KpiDefinition.keys()));
    }
    KpiDefinition definition =
        KpiDefinition.of(metric)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "Unknown metric '"
                            + metric
                            + "'; known metrics: "
                            + String.join(", ", KpiDefinition.keys())));
    String step = ApiParams.oneOf("interval", interval, KpiPeriods.INTERVALS);
    GroupBy by = groupBy(groupBy);
    Period range = KpiPeriods.resolve(from, to, period, asOf, kpis.today());
    return kpis.series(definition, step, range, by);
  }

  @GetMapping("/api/kpis/definitions")
  List<Definition> definitions() {
    return Arrays.stream(KpiDefinition.values())
        .map(d -> new Definition(d.key(), d.title(), d.unit().code(), d.definition()))
        .toList();
  }

  private static GroupBy groupBy(String value) {
    String code = ApiParams.oneOf("groupBy", value, GroupBy.codes());
    return code == null ? null : GroupBy.of(code);
  }
}
