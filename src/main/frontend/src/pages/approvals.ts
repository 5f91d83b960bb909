import { api } from "../api";
import type { Page } from "../context";
import { add, h, link, notice } from "../dom";
import { dueBadge, formatMoney, formatPercent } from "../format";
import type { AccountDetail, Task } from "../types";

interface Guardrails {
  marginFloor?: number;
  maxDiscount?: number;
  approvalThreshold?: number;
  approvalSla?: string;
}

/** /approvals: discount approvals with the quote, the guardrails and the account's health. */
export const approvalsPage: Page = async ({ root, poll, flash }) => {
  document.title = "Approvals · Expansion Playbook";
  const status = h("div", { "aria-live": "polite" });
  const list = h("div");
  add(
    root,
    h("h1", {}, "Discount approvals"),
    flash ? notice("success", flash) : null,
    status,
    list,
  );
  const health = new Map<string, number>();

  const decide = async (task: Task, decision: "approve" | "reject") => {
    try {
      await api(`/api/tasks/${task.id}/complete`, {
        method: "POST",
        body: { variables: { approvalDecision: decision } },
      });
      status.replaceChildren(
        notice(
          "success",
          `Discount for ${task.accountId} ${decision === "approve" ? "approved" : "rejected"}.`,
        ),
      );
    } catch (e) {
      status.replaceChildren(notice("error", (e as Error).message));
    }
    await load();
  };

  const load = async () => {
    const tasks = (await api<Task[]>("/api/tasks?sort=dueDate,asc&limit=200")).filter(
      (t) => t.formId === "approve-discount",
    );
    await Promise.all(
      tasks
        .filter((t) => !health.has(t.accountId))
        .map((t) =>
          api<AccountDetail>(`/api/accounts/${encodeURIComponent(t.accountId)}`)
            .then((a) => health.set(t.accountId, a.health))
            .catch(() => undefined),
        ),
    );
    list.replaceChildren(
      ...(tasks.length === 0
        ? [
            notice(
              "info",
              "No discounts wait for approval. Requests above the approval threshold appear here.",
            ),
          ]
        : tasks.map((t) => {
            const v = t.variables as Record<string, any>;
            const offer = v.offer ?? {};
            const g: Guardrails = v.guardrails ?? {};
            const requested = Number(v.requestedDiscountPct ?? 0);
            const badge = dueBadge(t.dueDate);
            const title = `${t.name}: ${t.accountId}`;
            const id = `approval-${t.id}`;
            return h(
              "article",
              { class: "card", "aria-labelledby": id },
              h("h2", { id }, title),
              h(
                "dl",
                { class: "facts" },
                h("dt", {}, "Offer"),
                h(
                  "dd",
                  {},
                  `${offer.name ?? "—"} (list ${formatMoney(offer.listPrice)} per month)`,
                ),
                h("dt", {}, "Requested discount"),
                h("dd", {}, `${requested} %`),
                h("dt", {}, "Quote"),
                h(
                  "dd",
                  {},
                  v.quote
                    ? `discount ${formatPercent(v.quote.discount)}, net ${formatMoney(v.quote.netPrice)}, margin ${formatPercent(v.quote.margin)}. ${v.quote.rationale ?? ""}`
                    : "—",
                ),
                h("dt", {}, "Guardrails"),
                h(
                  "dd",
                  {},
                  `approval above ${formatPercent(g.approvalThreshold)}, at most ${formatPercent(g.maxDiscount)}, margin floor ${formatPercent(g.marginFloor)}`,
                ),
                h("dt", {}, "Account health"),
                h("dd", {}, String(health.get(t.accountId) ?? "—")),
                h("dt", {}, "Due"),
                h("dd", {}, h("span", { class: `badge due-${badge.kind}` }, badge.label)),
              ),
              h(
                "div",
                { class: "actions" },
                h(
                  "button",
                  {
                    type: "button",
                    class: "primary",
                    "aria-label": `Approve discount for ${t.accountId}`,
                    onclick: () => void decide(t, "approve"),
                  },
                  "Approve",
                ),
                h(
                  "button",
                  {
                    type: "button",
                    "aria-label": `Reject discount for ${t.accountId}`,
                    onclick: () => void decide(t, "reject"),
                  },
                  "Reject",
                ),
                link(`/tasks/${t.id}`, "Adjust in the form", {
                  "aria-label": `Adjust discount for ${t.accountId}`,
                }),
                link(`/accounts/${t.accountId}`, "Account 360"),
              ),
            );
          })),
    );
  };
  poll(async () => {
    try {
      await load();
    } catch (e) {
      list.replaceChildren(
        notice("error", `Approvals could not be loaded: ${(e as Error).message}`),
      );
    }
  }, 15000);
};
