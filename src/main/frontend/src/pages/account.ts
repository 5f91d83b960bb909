import { api, ApiError } from "../api";
import { chart } from "../charts";
import type { Page } from "../context";
import { drawProcess } from "../diagram";
import { h, notice, section, table } from "../dom";
import { formatDateTime, formatMoney, formatPercent, humanize } from "../format";
import type { AccountDetail, Quote } from "../types";

interface Consents {
  contactId: string;
  consents: { channel: string; optedIn: boolean; source: string; changedAt: string }[];
}

/** /accounts/{id}: the account 360. */
export const accountPage: Page = async ({ root, params }) => {
  let a: AccountDetail;
  try {
    a = await api<AccountDetail>(`/api/accounts/${encodeURIComponent(params.id)}`);
  } catch (e) {
    root.append(
      h("h1", {}, params.id),
      notice(
        "error",
        e instanceof ApiError && e.status === 404
          ? `There is no account ${params.id}. Find accounts in the queue.`
          : `The account could not be shown: ${(e as Error).message}`,
      ),
    );
    return;
  }
  document.title = `${a.name} · Expansion Playbook`;
  const quotes = await api<Quote[]>(`/api/accounts/${encodeURIComponent(a.id)}/quotes`).catch(
    () => [] as Quote[],
  );
  const contactIds = [...new Set(a.touches.map((t) => t.contactId))];
  if (contactIds.length === 0) contactIds.push(`${a.id}-C1`);
  const consents = (
    await Promise.all(
      contactIds.map((c) =>
        api<Consents>(`/api/contacts/${encodeURIComponent(c)}/consents`).catch(() => null),
      ),
    )
  ).filter((c): c is Consents => c !== null);

  root.append(
    h("h1", {}, `${a.name} (${a.id})`),
    h(
      "dl",
      { class: "facts", "aria-label": "Account facts" },
      ...[
        ["Plan", humanize(a.planTier)],
        ["Contract", humanize(a.contractType)],
        ["MRR", formatMoney(a.mrr)],
        ["Segment", humanize(a.segment)],
        ["Stage", humanize(a.lifecycleStage)],
        ["Health", String(a.health)],
        ["Owner", a.ownerCsm],
      ].flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
    ),
  );

  const nba = a.nextBestAction;
  root.append(
    section(
      "Next best action",
      nba
        ? h(
            "p",
            {},
            h(
              "strong",
              {},
              nba.offerName ? `${humanize(nba.code)}: ${nba.offerName}` : humanize(nba.code),
            ),
            nba.channel ? ` via ${nba.channel}` : "",
            h("br"),
            nba.reason,
          )
        : notice(
            "info",
            "No next best action yet: the whole-book scoring has not run for this account.",
          ),
    ),
  );

  const health = section("Health");
  root.append(health);
  if (a.healthScore) {
    const contributions = a.healthScore.contributions.filter((c) => c.group !== "baseline");
    health.append(
      h(
        "p",
        {},
        `Health ${a.healthScore.health} (stage ${a.healthScore.stage}, model ${a.healthScore.modelVersion}, scored ${formatDateTime(a.healthScore.scoredAt)}).`,
      ),
    );
    const bars = chart("Health factor contributions", {
      type: "bar",
      data: {
        labels: contributions.map((c) => humanize(c.factor)),
        datasets: [
          {
            label: "Points",
            data: contributions.map((c) => c.points),
            backgroundColor: contributions.map((c) => (c.points < 0 ? "#dc2626" : "#16a34a")),
          },
        ],
      },
      options: { indexAxis: "y", plugins: { legend: { display: false } } },
    });
    const history = [...a.healthScore.history].reverse();
    const line = chart("Health history", {
      type: "line",
      data: {
        labels: history.map((x) => formatDateTime(x.scoredAt)),
        datasets: [{ label: "Health", data: history.map((x) => x.health), borderColor: "#2563eb" }],
      },
      options: { scales: { y: { min: 0, max: 100 } } },
    });
    health.append(h("div", { class: "two" }, bars.canvas, line.canvas));
  } else {
    health.append(notice("info", "Not scored yet."));
  }

  root.append(
    section(
      "Products",
      a.products.length
        ? h(
            "ul",
            { class: "chips" },
            a.products.map((p) => h("li", {}, humanize(p))),
          )
        : notice("info", "No products."),
    ),
  );

  const journeys = section("Journeys");
  root.append(journeys);
  if (a.journeys.length === 0)
    journeys.append(notice("info", "No journeys: signals for this account start one."));
  for (const j of a.journeys) {
    const box = h("div", { class: "diagram small", "aria-label": `Diagram of ${j.process}` });
    journeys.append(
      h(
        "h3",
        {},
        `${humanize(j.process)} — ${humanize(j.status)}${j.currentStep ? `, at “${j.currentStep}”` : ""}`,
      ),
      h(
        "p",
        { class: "hint" },
        `Started ${formatDateTime(j.startedAt)}${j.endReason ? `; ${j.endReason}` : ""}`,
      ),
      box,
    );
    drawProcess(box, j.process)
      .then((d) => {
        if (j.currentElement && d.elementRegistry.get(j.currentElement)) {
          d.canvas.addMarker(
            j.currentElement,
            j.status === "ACTIVE" ? "current-step" : "ended-step",
          );
        }
      })
      .catch((e) =>
        box.replaceChildren(notice("error", `Diagram unavailable: ${(e as Error).message}`)),
      );
  }

  root.append(
    section(
      "Offers",
      a.offers.length
        ? table(
            "Offers",
            ["Offer", "Channel", "Status", "Expected value", "Discount", "Revenue change", "Made"],
            a.offers.map((o) => [
              humanize(o.offerCode),
              o.channel,
              humanize(o.status),
              formatMoney(o.expectedValue),
              formatPercent(o.discount),
              formatMoney(o.revenueDelta),
              formatDateTime(o.createdAt),
            ]),
          )
        : notice("info", "No offers made yet."),
    ),
    section(
      "Quotes",
      quotes.length
        ? table(
            "Quotes",
            ["Offer", "List", "Discount", "Net", "Margin", "Limits", "Status", "Origin"],
            quotes.map((q) => [
              humanize(q.offerCode),
              formatMoney(q.listPrice),
              formatPercent(q.discount),
              formatMoney(q.netPrice),
              formatPercent(q.margin),
              `max ${formatPercent(q.maxDiscountLimit)}, floor ${formatPercent(q.marginFloorLimit)}`,
              humanize(q.status),
              q.origin,
            ]),
          )
        : notice("info", "No quotes."),
    ),
    section(
      "Touches",
      a.touches.length
        ? table(
            "Touches",
            ["When", "Play", "Purpose", "Channel", "Contact"],
            a.touches.map((t) => [
              formatDateTime(t.occurredAt),
              t.play,
              t.purpose,
              t.channel,
              t.contactId,
            ]),
          )
        : notice("info", "No touches yet."),
    ),
    section(
      "Consent",
      consents.length
        ? consents.map((c) =>
            table(
              `Consent of ${c.contactId}`,
              ["Contact", "Channel", "Opted in", "Source", "Changed"],
              c.consents.map((x) => [
                c.contactId,
                x.channel,
                x.optedIn ? "yes" : "no",
                x.source,
                formatDateTime(x.changedAt),
              ]),
            ),
          )
        : notice("info", "No contacts with consent records."),
    ),
    section(
      "Decision timeline",
      a.decisions.length
        ? h(
            "ol",
            { class: "timeline", "aria-label": "Decision timeline" },
            a.decisions.map((d) =>
              h(
                "li",
                {},
                h("time", { datetime: d.at }, formatDateTime(d.at)),
                " ",
                h("strong", {}, d.rule),
                ` → ${d.outcome} `,
                h("span", { class: "hint" }, `by ${d.actor}`),
                h("p", {}, d.rationale),
                h(
                  "details",
                  {},
                  h("summary", {}, "Inputs"),
                  h("pre", {}, JSON.stringify(d.inputs, null, 2)),
                ),
              ),
            ),
          )
        : notice("info", "No decisions recorded for this account yet."),
    ),
  );
};
