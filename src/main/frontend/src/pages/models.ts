import { Form } from "@bpmn-io/form-js-viewer";
import "@bpmn-io/form-js-viewer/dist/assets/form-js.css";
import { api, apiText } from "../api";
import type { Page } from "../context";
import { drawXml } from "../diagram";
import { h, notice, section, table } from "../dom";
import { formatDateTime, humanize } from "../format";
import type { DeployedModel } from "../types";

/** A model as the page lists it: from the model versions (GET /api/models) or the deployed files. */
export interface ModelEntry {
  id: string;
  name: string;
  kind: "process" | "decision" | "form";
  file: string;
  version?: number;
  deployedAt?: string;
  deployedBy?: string;
}

interface StoredVersion {
  kind: string;
  id: string;
  version: number;
  resourceName: string;
  deployedAt: string;
  deployedBy: string;
}

const KINDS: Record<string, ModelEntry["kind"]> = {
  BPMN: "process",
  DMN: "decision",
  FORM: "form",
};

/** GET /api/models entries (versioned models) as the page lists them. */
export function fromVersions(stored: StoredVersion[]): ModelEntry[] {
  return stored
    .filter((v) => KINDS[v.kind])
    .map((v) => ({
      id: v.id,
      name: v.id,
      kind: KINDS[v.kind],
      file: v.resourceName,
      version: v.version,
      deployedAt: v.deployedAt,
      deployedBy: v.deployedBy,
    }));
}

async function loadModels(): Promise<{ models: ModelEntry[]; versioned: boolean }> {
  try {
    const stored = await api<StoredVersion[]>("/api/models");
    if (Array.isArray(stored) && stored.length)
      return { models: fromVersions(stored), versioned: true };
  } catch {
    // model versions not available: list the deployed files
  }
  return { models: await api<DeployedModel[]>("/api/processes"), versioned: false };
}

/**
 * /models: the deployed processes, decisions and forms, with their versions when the app stores
 * them (GET /api/models), each drawn on demand — BPMN with bpmn-js, DMN with dmn-js, forms with
 * form-js — and the
 * signal catalog and scoring models, read-only.
 */
export const modelsPage: Page = async ({ root, onLeave }) => {
  document.title = "Models · Expansion Playbook";
  const { models, versioned } = await loadModels();
  const viewer = h("section", { class: "card", "aria-label": "Model viewer" });
  viewer.append(notice("info", "Choose a model to draw it."));
  let cleanup: (() => void) | undefined;
  onLeave(() => cleanup?.());

  const content = (m: ModelEntry, version?: number): Promise<string> =>
    versioned && version
      ? apiText(`/api/models/${encodeURIComponent(m.id)}/versions/${version}`)
      : m.kind === "form"
        ? apiText(`/api/forms/${encodeURIComponent(m.id)}`)
        : apiText(`/api/processes/${encodeURIComponent(m.id)}/xml`);

  const draw = async (m: ModelEntry, box: HTMLElement, version?: number) => {
    cleanup?.();
    cleanup = undefined;
    box.replaceChildren();
    if (m.kind === "process") {
      const d = await drawXml(box, await content(m, version));
      cleanup = () => d.viewer.destroy();
    } else if (m.kind === "form") {
      const form = new Form({ container: box });
      await form.importSchema(JSON.parse(await content(m, version)), {});
      cleanup = () => form.destroy();
    } else {
      // dmn-js is loaded when a decision is first drawn, not with the page
      const { drawDecision } = await import("../decision");
      const d = await drawDecision(box, await content(m, version));
      cleanup = () => d.destroy();
    }
  };

  const show = async (m: ModelEntry) => {
    const box = h("div", {
      class: m.kind === "form" ? "form-container" : "diagram",
      "aria-label": `Drawing of ${m.id}`,
    });
    viewer.replaceChildren(
      h("h2", {}, `${humanize(m.kind)}: ${m.name}`),
      h("p", { class: "hint" }, m.file),
    );
    if (versioned && m.version) {
      const versions = await api<StoredVersion[]>(
        `/api/models/${encodeURIComponent(m.id)}/versions`,
      ).catch(() => [] as StoredVersion[]);
      const pick = h(
        "select",
        { id: "model-version" },
        versions.map((v) =>
          h(
            "option",
            { value: String(v.version), selected: v.version === m.version },
            `Version ${v.version} — ${formatDateTime(v.deployedAt)} by ${v.deployedBy}`,
          ),
        ),
      );
      pick.addEventListener("change", () => void draw(m, box, Number(pick.value)));
      viewer.append(h("label", { for: "model-version" }, "Version "), pick);
    }
    viewer.append(box);
    try {
      await draw(m, box, m.version);
    } catch (e) {
      box.replaceChildren(
        notice("error", `This model could not be drawn: ${(e as Error).message}`),
      );
    }
  };

  const kinds: ModelEntry["kind"][] = ["process", "decision", "form"];
  const titles = { process: "Processes", decision: "Decisions", form: "Forms" };
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
            titles[k],
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
                    ` (${m.id}${m.version ? `, version ${m.version}` : ""})`,
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
          scoring.map((s) => [
            s.version,
            s.kind ?? "",
            s.active ? "yes" : "no",
            formatDateTime(s.createdAt),
          ]),
        ),
      ),
    );
  }
};
