package io.expansion.playbook.kpi;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** KPI reports and series: loads each period's facts and computes its KPIs, per group if asked. */
@Service
public class KpiService {

  /** The KPIs of one period for the book and, with {@code groupBy}, per group. */
  public record Report(
      LocalDate from, LocalDate to, String groupBy, List<Kpi> kpis, List<Group> groups) {}

  /** The KPIs of one group. */
  public record Group(String group, List<Kpi> kpis) {}

  /** One metric per interval; one line ({@code all}) without {@code groupBy}, else per group. */
  public record Series(String metric, String interval, List<Line> series) {}

  public record Line(String group, List<Point> points) {}

  public record Point(
      String period,
      LocalDate from,
      LocalDate to,
      BigDecimal value,
      BigDecimal numerator,
      BigDecimal denominator) {}

  static final String ALL = "all";

  private final KpiFacts facts;
  private final Clock clock;

  KpiService(KpiFacts facts, Clock clock) {
    this.facts = facts;
    this.clock = clock;
  }

  LocalDate today() {
    return LocalDate.now(clock);
  }

  /** The book's KPIs over the whole days {@code from} to {@code to} (the simulator's report). */
  @Transactional(readOnly = true)
  public Report between(LocalDate from, LocalDate to) {
    return report(Period.of(from, to), null);
  }

  @Transactional(readOnly = true)
  Report report(Period period, GroupBy groupBy) {
    PeriodFacts book = facts.load(period);
    List<Group> groups = new ArrayList<>();
    if (groupBy != null) {
      split(book, period, groupBy, groupBy == GroupBy.PLAY ? null : facts.accountGroups())
          .forEach((name, f) -> groups.add(new Group(name, KpiCalculator.calculate(f))));
    }
    return new Report(
        period.from(),
        period.to(),
        groupBy == null ? null : groupBy.code(),
        KpiCalculator.calculate(book),
        groups);
  }

  @Transactional(readOnly = true)
  Series series(KpiDefinition metric, String interval, Period range, GroupBy groupBy) {
    List<Period> periods = KpiPeriods.split(range, interval);
    Map<String, String[]> accounts =
        groupBy == null || groupBy == GroupBy.PLAY ? null : facts.accountGroups();
    List<Map<String, PeriodFacts>> perPeriod = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    for (Period p : periods) {
      PeriodFacts book = facts.load(p);
      Map<String, PeriodFacts> groups =
          groupBy == null ? Map.of(ALL, book) : split(book, p, groupBy, accounts);
      perPeriod.add(groups);
      names.addAll(groups.keySet());
    }
    if (groupBy == null) {
      names.add(ALL);
    }
    Map<String, List<Point>> lines = new LinkedHashMap<>();
    names.forEach(name -> lines.put(name, new ArrayList<>()));
    for (int i = 0; i < periods.size(); i++) {
      Period p = periods.get(i);
      for (String name : names) {
        PeriodFacts f = perPeriod.get(i).getOrDefault(name, PeriodFacts.empty());
        Kpi kpi = pick(KpiCalculator.calculate(f), metric);
        lines
            .get(name)
            .add(
                new Point(
                    p.label(), p.from(), p.to(), kpi.value(), kpi.numerator(), kpi.denominator()));
      }
    }
    List<Line> series = new ArrayList<>();
    lines.forEach((name, points) -> series.add(new Line(name, points)));
    return new Series(metric.key(), interval == null ? "month" : interval, series);
  }

  private Map<String, PeriodFacts> split(
      PeriodFacts book, Period period, GroupBy groupBy, Map<String, String[]> accounts) {
    return groupBy.split(
        book,
        accounts == null ? Map.of() : accounts,
        groupBy == GroupBy.PLAY ? facts.playsByAccount(period) : Map.of());
  }

  private static Kpi pick(List<Kpi> kpis, KpiDefinition metric) {
    return kpis.stream().filter(k -> k.key().equals(metric.key())).findFirst().orElseThrow();
  }
}
