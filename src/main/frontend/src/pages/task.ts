import { Form } from "@bpmn-io/form-js-viewer";
import "@bpmn-io/form-js-viewer/dist/assets/form-js.css";
import { api, ApiError } from "../api";
import type { Page } from "../context";
import { h, link, notice } from "../dom";
import { dueBadge, formatDateTime, humanize } from "../format";
import type { Task } from "../types";

/**
 * /tasks/{id}: the task's linked Camunda form, rendered by form-js from the same forms/*.form file,
 * with the task's variables as data. form-js validates; the server's 400/409/422 is shown inline.
 */
export const taskPage: Page = async ({ root, params, user, navigate, onLeave }) => {
  let task: Task;
  try {
    task = await api<Task>(`/api/tasks/${encodeURIComponent(params.id)}`);
  } catch (e) {
    root.append(
      h("h1", {}, "Task"),
      notice(
        "error",
        e instanceof ApiError && e.status === 404
          ? `There is no task ${params.id}. `
          : `The task could not be loaded: ${(e as Error).message}. `,
        link("/inbox", "Back to the inbox"),
      ),
    );
    return;
  }
  document.title = `${task.name} · Expansion Playbook`;
  const badge = dueBadge(task.dueDate);
  const status = h("div", { id: "task-status", "aria-live": "assertive" });
  const container = h("div", { class: "form-container", id: "task-form" });
  const open = task.status === "OPEN";
  const mayClaim = open && !task.assignee;
  root.append(
    h("p", {}, link("/inbox", "← Inbox")),
    h("h1", {}, task.name),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Account"),
      h("dd", {}, link(`/accounts/${task.accountId}`, task.accountId)),
      h("dt", {}, "Process"),
      h("dd", {}, humanize(task.processId)),
      h("dt", {}, "Assignee"),
      h("dd", {}, task.assignee ?? "unassigned"),
      h("dt", {}, "Due"),
      h(
        "dd",
        {},
        h("span", { class: `badge due-${badge.kind}` }, badge.label),
        " ",
        formatDateTime(task.dueDate),
      ),
      h("dt", {}, "Status"),
      h("dd", {}, humanize(task.status)),
    ),
    status,
  );
  if (!open) {
    root.append(
      notice(
        "info",
        `This task is ${task.status.toLowerCase()}; nothing left to do. `,
        link("/inbox", "Back to the inbox"),
      ),
    );
    return;
  }
  if (!task.formId) {
    root.append(notice("error", "This task links no form. Complete it through the API."));
    return;
  }
  const schema = await api<Record<string, unknown>>(
    `/api/forms/${encodeURIComponent(task.formId)}`,
  );
  root.append(h("section", { class: "card", "aria-label": "Task form" }, container));
  const form = new Form({ container });
  onLeave(() => form.destroy());
  await form.importSchema(schema, task.variables);

  const claim = h(
    "button",
    {
      type: "button",
      onclick: async () => {
        try {
          await api(`/api/tasks/${task.id}/assignment`, {
            method: "POST",
            body: { assignee: user.username },
          });
          claim.remove();
          status.replaceChildren(notice("success", "Task claimed: it is yours now."));
        } catch (e) {
          status.replaceChildren(notice("error", (e as Error).message));
        }
      },
    },
    "Claim",
  );
  const complete = h("button", { type: "button", class: "primary" }, "Complete task");
  complete.addEventListener("click", async () => {
    status.replaceChildren();
    const { data, errors } = form.submit();
    const invalid = Object.keys(errors ?? {});
    if (invalid.length) {
      status.replaceChildren(
        notice(
          "error",
          `Check the highlighted field${invalid.length > 1 ? "s" : ""} and complete again.`,
        ),
      );
      return;
    }
    complete.disabled = true;
    try {
      await api(`/api/tasks/${task.id}/complete`, { method: "POST", body: { variables: data } });
      navigate("/inbox", `${task.name} (${task.accountId}) completed.`);
    } catch (e) {
      complete.disabled = false;
      status.replaceChildren(
        notice(
          "error",
          e instanceof ApiError ? `The task was not completed: ${e.message}` : (e as Error).message,
        ),
      );
    }
  });
  root.append(h("div", { class: "actions" }, mayClaim ? claim : null, complete));
};
