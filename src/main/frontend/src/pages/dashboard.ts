import { api } from "../api";
import { chart, COLORS } from "../charts";
import type { Page } from "../context";
import { h, notice } from "../dom";
import { formatKpi } from "../format";

interface Kpi {
  key: string;
  name: string;
  value: number | null;
  unit: string;
  definition: string;
}
interface Report {
  from: string;
  to: string;
  kpis: Kpi[];
  groups?: { group: string; kpis: Kpi[] }[];
}
interface Series {
  metric: string;
  series: { group: string; points: { period: string; value: number | null }[] }[];
}

/** The headline KPIs (retention, expansion, churn, win rate, attach rate) and the funnel. */
export const HEADLINE = ["nrr", "expansion_mrr", "logo_churn", "win_rate", "attach_rate"];
export const FUNNEL = [
  "funnel_signals",
  "funnel_plays",
  "funnel_touches",
  "funnel_offers_presented",
  "funnel_accepted",
];

/** /dashboard: KPIs as charts over time and by segment, CSM or play; definitions one click away. */
export const dashboardPage: Page = async ({ root, onLeave }) => {
  document.title = "Dashboard · Expansion Playbook";
  const groupBy = h(
    "select",
    { id: "kpi-group" },
    [
      ["", "The whole book"],
      ["segment", "Segment"],
      ["csm", "CSM"],
      ["play", "Play"],
    ].map(([v, t]) => h("option", { value: v }, t)),
  );
  const body = h("div");
  root.append(
    h("h1", {}, "Dashboard"),
    h(
      "form",
      { class: "filters", "aria-label": "KPI grouping" },
      h("label", { for: "kpi-group" }, "Group by"),
      groupBy,
    ),
    body,
  );
  let charts: { destroy(): void }[] = [];
  onLeave(() => charts.forEach((c) => c.destroy()));

  const load = async () => {
    charts.forEach((c) => c.destroy());
    charts = [];
    const by = groupBy.value;
    const q = by ? `&groupBy=${by}` : "";
    let report: Report;
    try {
      report = await api<Report>(`/api/kpis?period=ttm${q}`);
    } catch (e) {
      body.replaceChildren(notice("error", `KPIs could not be loaded: ${(e as Error).message}`));
      return;
    }
    const byKey = new Map(report.kpis.map((k) => [k.key, k]));
    const tiles = h(
      "ul",
      { class: "tiles", "aria-label": `KPIs ${report.from} to ${report.to}` },
      HEADLINE.map((key) => byKey.get(key))
        .filter((k): k is Kpi => !!k)
        .map((k) =>
          h(
            "li",
            { class: "tile" },
            h("span", { class: "tile-name" }, k.name),
            h("span", { class: "tile-value" }, formatKpi(k.value, k.unit)),
            h(
              "details",
              {},
              h("summary", { "aria-label": `Definition of ${k.name}` }, "Definition"),
              k.definition,
            ),
          ),
        ),
    );
    const grid = h("div", { class: "grid" });
    body.replaceChildren(
      h("p", { class: "hint" }, `Trailing twelve months, ${report.from} to ${report.to}.`),
      tiles,
      grid,
    );
    const funnel = FUNNEL.map((key) => byKey.get(key)).filter((k): k is Kpi => !!k);
    const f = chart("Signal-to-play funnel", {
      type: "bar",
      data: {
        labels: funnel.map((k) => k.name),
        datasets: [
          { label: "Count", data: funnel.map((k) => k.value ?? 0), backgroundColor: COLORS[0] },
        ],
      },
      options: { plugins: { legend: { display: false } } },
    });
    charts.push(f.chart);
    grid.append(
      h("figure", { class: "card" }, h("figcaption", {}, "Signal-to-play funnel"), f.canvas),
    );
    const loading = h("p", { class: "hint", role: "status" }, "Loading the monthly series …");
    body.append(loading);
    const series = await Promise.all(
      HEADLINE.map((m) =>
        api<Series>(`/api/kpis/series?metric=${m}&interval=month&period=ttm${q}`).catch(() => null),
      ),
    );
    loading.remove();
    series.forEach((s, i) => {
      const k = byKey.get(HEADLINE[i]);
      if (!s || !k) return;
      const labels = s.series[0]?.points.map((p) => p.period) ?? [];
      const c = chart(`${k.name} by month`, {
        type: "line",
        data: {
          labels,
          datasets: s.series.slice(0, 8).map((g, j) => ({
            label: g.group,
            data: g.points.map((p) => p.value),
            borderColor: COLORS[j % COLORS.length],
            backgroundColor: COLORS[j % COLORS.length],
            spanGaps: true,
          })),
        },
      });
      charts.push(c.chart);
      grid.append(
        h(
          "figure",
          { class: "card" },
          h("figcaption", {}, `${k.name} by month`),
          c.canvas,
          h("details", {}, h("summary", {}, `How ${k.name} is measured`), k.definition),
        ),
      );
    });
  };
  groupBy.addEventListener("change", () => void load());
  await load();
};
