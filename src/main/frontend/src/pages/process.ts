import { api, ApiError } from "../api";
import type { Page } from "../context";
import { drawProcess } from "../diagram";
import { h, link, notice, table } from "../dom";
import { formatDateTime, humanize } from "../format";
import { badgesFor, totals } from "../heatmap";
import type { ElementStatistics, JourneyView } from "../types";

/**
 * /processes/{processId}: a live heatmap — bpmn-js overlays with the active, completed, canceled
 * and incident counts per element (GET /api/processes/{id}/statistics, polled); clicking an element
 * lists the journeys there.
 */
export const processPage: Page = async ({ root, params, poll }) => {
  const processId = params.processId;
  document.title = `${processId} heatmap · Expansion Playbook`;
  const box = h("div", {
    class: "diagram",
    id: "heatmap",
    "aria-label": `Heatmap of ${processId}`,
  });
  const legend = h("p", { class: "legend", "aria-live": "polite" });
  const drill = h("section", { class: "card", "aria-label": "Journeys at the selected element" });
  drill.append(
    notice("info", "Click an element of the diagram to list the journeys standing there."),
  );
  root.append(
    h("p", {}, link("/processes", "← Processes")),
    h("h1", {}, `Heatmap: ${humanize(processId)}`),
    legend,
    box,
    drill,
  );
  let d;
  try {
    d = await drawProcess(box, processId);
  } catch (e) {
    box.replaceChildren(
      notice(
        "error",
        e instanceof ApiError && e.status === 404
          ? `No process ${processId} is deployed. Pick one from the list.`
          : `The diagram could not be drawn: ${(e as Error).message}`,
      ),
    );
    return;
  }
  const diagram = d;

  const showJourneys = async (elementId: string, name: string) => {
    drill.replaceChildren(h("h2", {}, `Journeys at “${name}”`));
    try {
      const journeys = await api<JourneyView[]>(
        `/api/processes/${encodeURIComponent(processId)}/elements/${encodeURIComponent(elementId)}/journeys`,
      );
      drill.append(
        journeys.length
          ? table(
              `Journeys at ${name}`,
              ["Account", "Status", "Step", "Updated", "Ended because"],
              journeys.map((j) => [
                link(`/accounts/${j.accountId}`, j.accountId),
                humanize(j.status),
                j.currentStep ?? "—",
                formatDateTime(j.updatedAt),
                j.endReason ?? "",
              ]),
            )
          : notice("info", "No journey stands at this element now."),
      );
    } catch (e) {
      drill.append(notice("error", (e as Error).message));
    }
  };
  diagram.eventBus.on("element.click", (event: any) => {
    const el = event.element;
    if (el.type === "bpmn:Process" || el.type === "bpmn:Collaboration") return;
    void showJourneys(el.id, el.businessObject?.name || el.id);
  });

  const refresh = async () => {
    let stats: ElementStatistics[];
    try {
      stats = await api<ElementStatistics[]>(
        `/api/processes/${encodeURIComponent(processId)}/statistics`,
      );
    } catch (e) {
      legend.textContent = `Counts unavailable: ${(e as Error).message}`;
      return;
    }
    diagram.overlays.remove({ type: "heatmap" });
    for (const s of stats) {
      if (!diagram.elementRegistry.get(s.elementId)) continue;
      const badges = badgesFor(s);
      const html = document.createElement("div");
      html.className = "heat";
      html.setAttribute("data-element", s.elementId);
      for (const b of badges) {
        const span = document.createElement("span");
        span.className = `heat-${b.kind}`;
        span.title = b.label;
        span.setAttribute("aria-label", `${s.elementId}: ${b.label}`);
        span.textContent = String(b.count);
        html.append(span);
      }
      // scale: false keeps the counts readable however far the diagram is zoomed out
      diagram.overlays.add(s.elementId, "heatmap", {
        position: { bottom: 8, left: -8 },
        scale: false,
        html,
      });
    }
    const t = totals(stats);
    legend.replaceChildren(
      h("span", { class: "heat-active" }, "active"),
      ` ${t.active} · `,
      h("span", { class: "heat-completed" }, "completed"),
      ` ${t.completed} · `,
      h("span", { class: "heat-canceled" }, "canceled"),
      ` ${t.canceled} · `,
      h("span", { class: "heat-incidents" }, "incidents"),
      ` ${t.incidents} — refreshed ${new Date().toLocaleTimeString()} (every 10 s)`,
    );
  };
  poll(refresh, 10000);
};
