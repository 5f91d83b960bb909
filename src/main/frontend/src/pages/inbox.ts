import { api } from "../api";
import type { Page } from "../context";
import { add, h, link, notice, table } from "../dom";
import { dueBadge, formatDateTime, humanize } from "../format";
import {
  filtersFromSearch,
  filtersToSearch,
  keepTask,
  taskQuery,
  type InboxFilters,
} from "../query";
import type { DeployedModel, Task } from "../types";

function select(id: string, label: string, options: [string, string][], value: string) {
  const el = h(
    "select",
    { id, name: id },
    options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)),
  );
  return { el, label: h("label", { for: id }, label) };
}

/** /inbox: tasks like Tasklist — filters, sorting, claim and unassign, due badges; polled. */
export const inboxPage: Page = async ({ root, user, poll, flash }) => {
  document.title = "Inbox · Expansion Playbook";
  const filters: InboxFilters = filtersFromSearch(location.search);
  const processes = (await api<DeployedModel[]>("/api/processes")).filter(
    (m) => m.kind === "process",
  );
  const show = select(
    "inbox-show",
    "Show",
    [
      ["mine", "Assigned to me"],
      ["unassigned", "Unassigned"],
      ["groups", "Offered to my groups"],
      ["all", "All I can see"],
    ],
    filters.show,
  );
  const process = select(
    "inbox-process",
    "Process",
    [["", "All processes"], ...processes.map((p) => [p.id, p.name] as [string, string])],
    filters.processId,
  );
  const due = select(
    "inbox-due",
    "Due",
    [
      ["any", "Any time"],
      ["overdue", "Overdue"],
      ["today", "By end of today"],
      ["week", "Within 7 days"],
    ],
    filters.due,
  );
  const sort = select(
    "inbox-sort",
    "Sort by",
    [
      ["dueDate", "Due date"],
      ["priority", "Priority"],
      ["createdAt", "Created"],
    ],
    filters.sort,
  );
  const order = select(
    "inbox-order",
    "Order",
    [
      ["asc", "Ascending"],
      ["desc", "Descending"],
    ],
    filters.order,
  );
  const status = h("div", { "aria-live": "polite" });
  const list = h("div");
  add(
    root,
    h("h1", {}, "Inbox"),
    flash ? notice("success", flash) : null,
    h(
      "form",
      { class: "filters", role: "search", "aria-label": "Task filters" },
      [show, process, due, sort, order].flatMap((s) => [s.label, s.el]),
    ),
    status,
    list,
  );

  const act = async (task: Task, action: "claim" | "unassign") => {
    try {
      if (action === "claim") {
        await api(`/api/tasks/${task.id}/assignment`, {
          method: "POST",
          body: { assignee: user.username },
        });
      } else {
        await api(`/api/tasks/${task.id}/assignee`, { method: "DELETE" });
      }
      status.replaceChildren(
        notice(
          "success",
          `${task.name} (${task.accountId}) ${action === "claim" ? "claimed" : "unassigned"}.`,
        ),
      );
    } catch (e) {
      status.replaceChildren(notice("error", (e as Error).message));
    }
    await load();
  };

  const load = async () => {
    try {
      const tasks = (await api<Task[]>(`/api/tasks?${taskQuery(filters, user)}`)).filter((t) =>
        keepTask(t, filters, user),
      );
      list.replaceChildren(
        tasks.length === 0
          ? notice(
              "info",
              filters.show === "mine"
                ? "No open tasks are assigned to you. Choose “Offered to my groups” or “Unassigned” to find work to claim."
                : "No open tasks match these filters. Change the filters above.",
            )
          : table(
              "Tasks",
              ["Task", "Account", "Process", "Assignee", "Due", "Priority", "Created", "Actions"],
              tasks.map((t) => {
                const badge = dueBadge(t.dueDate);
                return [
                  link(`/tasks/${t.id}`, t.name, {
                    "aria-label": `Open ${t.name} for ${t.accountId}`,
                  }),
                  link(`/accounts/${t.accountId}`, t.accountId),
                  humanize(t.processId),
                  t.assignee ?? h("em", {}, "unassigned"),
                  h(
                    "span",
                    { class: `badge due-${badge.kind}`, title: formatDateTime(t.dueDate) },
                    badge.label,
                  ),
                  h(
                    "span",
                    { class: t.priority >= 80 ? "badge sla-high" : "badge" },
                    String(t.priority),
                  ),
                  formatDateTime(t.createdAt),
                  t.assignee === user.username
                    ? h(
                        "button",
                        {
                          type: "button",
                          "aria-label": `Unassign ${t.name} for ${t.accountId}`,
                          onclick: () => void act(t, "unassign"),
                        },
                        "Unassign",
                      )
                    : t.assignee === null
                      ? h(
                          "button",
                          {
                            type: "button",
                            "aria-label": `Claim ${t.name} for ${t.accountId}`,
                            onclick: () => void act(t, "claim"),
                          },
                          "Claim",
                        )
                      : "",
                ];
              }),
            ),
      );
    } catch (e) {
      list.replaceChildren(
        notice("error", `The tasks could not be loaded: ${(e as Error).message}`),
      );
    }
  };
  const change = () => {
    filters.show = show.el.value as InboxFilters["show"];
    filters.processId = process.el.value;
    filters.due = due.el.value as InboxFilters["due"];
    filters.sort = sort.el.value as InboxFilters["sort"];
    filters.order = order.el.value as InboxFilters["order"];
    history.replaceState({}, "", `/inbox${filtersToSearch(filters)}`);
    void load();
  };
  [show, process, due, sort, order].forEach((s) => s.el.addEventListener("change", change));
  poll(load, 10000);
};
