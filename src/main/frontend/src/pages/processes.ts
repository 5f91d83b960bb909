import { api } from "../api";
import type { Page } from "../context";
import { h, link, notice } from "../dom";
import type { DeployedModel } from "../types";

/** /processes: the deployed processes, each a link to its heatmap. */
export const processesPage: Page = async ({ root }) => {
  document.title = "Processes · Expansion Playbook";
  const models = (await api<DeployedModel[]>("/api/processes")).filter((m) => m.kind === "process");
  root.append(
    h("h1", {}, "Processes"),
    models.length
      ? h(
          "ul",
          { class: "cards", "aria-label": "Deployed processes" },
          models.map((m) =>
            h(
              "li",
              { class: "card" },
              link(`/processes/${m.id}`, m.name),
              h("p", { class: "hint" }, `${m.id} · ${m.file}`),
            ),
          ),
        )
      : notice("info", "No processes are deployed."),
  );
};
