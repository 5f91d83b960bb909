import { api, ApiError } from "../api";
import type { Page } from "../context";
import { h, link, notice, table } from "../dom";
import { formatMoney, formatPercent, humanize } from "../format";
import type { Queue } from "../types";

const SEGMENTS = ["", "at-risk", "high-potential", "stable-adopter", "low-fit"];

/** /queue: my accounts in priority order with the next best action and why; refreshed every 15 s. */
export const queuePage: Page = ({ root, user, poll }) => {
  document.title = "Queue · Expansion Playbook";
  const own = user.roles.includes("csm");
  const csm = h("input", { id: "queue-csm", value: own ? user.username : "csm-01", disabled: own });
  const segment = h(
    "select",
    { id: "queue-segment" },
    SEGMENTS.map((s) => h("option", { value: s }, s ? humanize(s) : "All segments")),
  );
  const body = h("div", { "aria-live": "polite" });
  const updated = h("p", { class: "hint" });
  root.append(
    h("h1", {}, own ? "My queue" : "Queue"),
    h(
      "form",
      { class: "filters", role: "search", "aria-label": "Queue filters" },
      h("label", { for: "queue-csm" }, "CSM"),
      csm,
      h("label", { for: "queue-segment" }, "Segment"),
      segment,
    ),
    body,
    updated,
  );
  const load = async () => {
    const params = new URLSearchParams({ limit: "25" });
    if (!own) params.set("csm", csm.value.trim());
    if (segment.value) params.set("segment", segment.value);
    try {
      const queue = await api<Queue>(`/api/queue?${params}`);
      body.replaceChildren(
        queue.items.length === 0
          ? notice(
              "info",
              "No accounts in this queue. Accounts appear here once the book is imported and scored (Imports page).",
            )
          : table(
              "Accounts in priority order",
              [
                "#",
                "Account",
                "Segment",
                "Health",
                "Churn risk",
                "Renews in",
                "MRR",
                "Next best action",
                "Why",
                "Open tasks",
              ],
              queue.items.map((i) => [
                String(i.rank),
                link(`/accounts/${i.accountId}`, `${i.name} (${i.accountId})`),
                h("span", { class: `badge seg-${i.segment}` }, humanize(i.segment)),
                String(i.health),
                formatPercent(i.churnRisk),
                i.daysToRenewal === null ? "—" : `${i.daysToRenewal} days`,
                formatMoney(i.mrr),
                i.nextBestAction
                  ? h(
                      "span",
                      { title: i.nextBestAction.reason },
                      i.nextBestAction.offerName
                        ? `${humanize(i.nextBestAction.code)}: ${i.nextBestAction.offerName}`
                        : humanize(i.nextBestAction.code),
                    )
                  : "—",
                h("span", { class: "why" }, i.why),
                i.openTasks.length
                  ? h(
                      "ul",
                      { class: "plain" },
                      i.openTasks.map((t) => h("li", {}, link(`/tasks/${t.id}`, t.name))),
                    )
                  : "none",
              ]),
            ),
        h(
          "p",
          { class: "hint" },
          `${queue.total} accounts in total; the first ${queue.items.length} shown.`,
        ),
      );
      updated.textContent = `Updated ${new Date().toLocaleTimeString()} (refreshes every 15 s).`;
    } catch (e) {
      body.replaceChildren(
        notice(
          "error",
          e instanceof ApiError && e.status === 404
            ? `${csm.value} owns no accounts. Pick another CSM.`
            : `The queue could not be loaded: ${(e as Error).message}`,
        ),
      );
    }
  };
  csm.addEventListener("change", () => void load());
  segment.addEventListener("change", () => void load());
  poll(load, 15000);
};
