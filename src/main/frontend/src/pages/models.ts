import { Form } from "@bpmn-io/form-js-viewer";
import "@bpmn-io/form-js-viewer/dist/assets/form-js.css";
import { api } from "../api";
import type { Page } from "../context";
import { drawProcess } from "../diagram";
import { h, notice, section, table } from "../dom";
import { humanize } from "../format";
import type { DeployedModel } from "../types";

/**
 * /models: the deployed processes, decisions and forms (GET /api/processes), each drawn on demand —
 * BPMN with bpmn-js, forms with form-js — and the signal catalog and scoring models, read-only.
 */
export const modelsPage: Page = async ({ root, onLeave }) => {
  document.title = "Models · Expansion Playbook";
  const models = await api<DeployedModel[]>("/api/processes");
  const viewer = h("section", { class: "card", "aria-label": "Model viewer" });
  viewer.append(notice("info", "Choose a model to draw it."));
  let cleanup: (() => void) | undefined;
  onLeave(() => cleanup?.());

  const show = async (m: DeployedModel) => {
    cleanup?.();
    cleanup = undefined;
    viewer.replaceChildren(
      h("h2", {}, `${humanize(m.kind)}: ${m.name}`),
      h("p", { class: "hint" }, m.file),
    );
    if (m.kind === "process") {
      const box = h("div", { class: "diagram", "aria-label": `Diagram of ${m.id}` });
      viewer.append(box);
      const d = await drawProcess(box, m.id);
      cleanup = () => d.viewer.destroy();
    } else if (m.kind === "form") {
      const box = h("div", { class: "form-container" });
      viewer.append(box);
      const form = new Form({ container: box });
      await form.importSchema(await api(`/api/forms/${encodeURIComponent(m.id)}`), {});
      cleanup = () => form.destroy();
    } else {
      viewer.append(
        notice(
          "info",
          `Decision ${m.id} is deployed from ${m.file}; open it in Camunda Modeler to read its table.`,
        ),
      );
    }
  };

  const kinds: DeployedModel["kind"][] = ["process", "decision", "form"];
  const TITLES = { process: "Processes", decision: "Decisions", form: "Forms" };
  root.append(
    h("h1", {}, "Models"),
    h(
      "div",
      { class: "two" },
      h(
        "div",
        {},
        kinds.map((k) =>
          section(
            TITLES[k],
            h(
              "ul",
              { class: "plain" },
              models
                .filter((m) => m.kind === k)
                .map((m) =>
                  h(
                    "li",
                    {},
                    h(
                      "button",
                      {
                        type: "button",
                        class: "linkish",
                        "aria-label": `Show ${k} ${m.id}`,
                        onclick: () => void show(m),
                      },
                      m.name,
                    ),
                    ` (${m.id})`,
                  ),
                ),
            ),
          ),
        ),
      ),
      viewer,
    ),
  );

  const signals = await api<{ type: string; description?: string }[]>("/api/signals/types").catch(
    () => null,
  );
  if (signals) {
    root.append(
      section(
        "Signal catalog",
        table(
          "Signal types",
          ["Type", "Description"],
          signals.map((s) => [s.type, s.description ?? ""]),
        ),
      ),
    );
  }
  const scoring = await api<
    { version: string; kind?: string; active?: boolean; createdAt?: string }[]
  >("/api/scoring/models").catch(() => null);
  if (scoring) {
    root.append(
      section(
        "Scoring models",
        table(
          "Scoring models",
          ["Version", "Kind", "Active", "Created"],
          scoring.map((s) => [s.version, s.kind ?? "", s.active ? "yes" : "no", s.createdAt ?? ""]),
        ),
      ),
    );
  }
};
