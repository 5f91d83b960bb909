import { api } from "../api";
import type { Page } from "../context";
import { add, h, notice } from "../dom";
import { formatDateTime } from "../format";

interface ImportRun {
  id: string;
  mapping: string;
  fileName: string;
  state: string;
  rowsRead: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: { line: number; column: string; reason: string }[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Progress of an import: rows handled of rows read (1 once finished). */
export function importProgress(
  run: Pick<ImportRun, "state" | "rowsRead" | "imported" | "updated" | "unchanged" | "rejected">,
): number {
  if (run.state === "SUCCEEDED" || run.state === "FAILED") return 1;
  if (!run.rowsRead) return 0;
  return Math.min(1, (run.imported + run.updated + run.unchanged + run.rejected) / run.rowsRead);
}

/** /imports: book imports from import_runs with a progress bar each; upload a CSV with a mapping. */
export const importsPage: Page = ({ root, poll, user }) => {
  document.title = "Imports · Expansion Playbook";
  const list = h("div", { "aria-live": "polite" });
  const status = h("div");
  const file = h("input", {
    id: "import-file",
    type: "file",
    accept: ".csv,text/csv",
    required: true,
  });
  const mapping = h("input", { id: "import-mapping", value: "telco", required: true });
  const mayUpload = user.roles.includes("ops") || user.roles.includes("integration");
  const form = h(
    "form",
    { class: "card filters", "aria-label": "Upload a book" },
    h("label", { for: "import-file" }, "CSV file"),
    file,
    h("label", { for: "import-mapping" }, "Mapping"),
    mapping,
    h("button", { type: "submit" }, "Import"),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!file.files?.length) return;
    const data = new FormData();
    data.append("file", file.files[0]);
    data.append("mapping", mapping.value);
    try {
      await api("/api/imports", { method: "POST", form: data });
      status.replaceChildren(notice("success", "Import queued; its progress shows below."));
      await load();
    } catch (err) {
      status.replaceChildren(notice("error", `The import was refused: ${(err as Error).message}`));
    }
  });
  add(root, h("h1", {}, "Imports"), mayUpload ? form : null, status, list);
  const load = async () => {
    try {
      const runs = await api<ImportRun[]>("/api/imports");
      list.replaceChildren(
        ...(runs.length === 0
          ? [
              notice(
                "info",
                "No imports yet. Upload a CSV with a mapping (README, Bring your own book).",
              ),
            ]
          : runs.map((r) => {
              const p = importProgress(r);
              return h(
                "article",
                { class: "card", "aria-label": `Import ${r.fileName}` },
                h("h2", {}, `${r.fileName} (${r.mapping}) — ${r.state}`),
                h("progress", { max: 1, value: p, "aria-label": `Progress of ${r.fileName}` }),
                h(
                  "p",
                  {},
                  `${r.rowsRead} rows read: ${r.imported} imported, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected. Started ${formatDateTime(r.createdAt)}, finished ${formatDateTime(r.finishedAt)}.`,
                ),
                r.message ? notice(r.state === "FAILED" ? "error" : "info", r.message) : null,
                r.errors.length
                  ? h(
                      "ul",
                      { "aria-label": "Rejected rows" },
                      r.errors
                        .slice(0, 10)
                        .map((x) => h("li", {}, `line ${x.line}, ${x.column}: ${x.reason}`)),
                    )
                  : null,
              );
            })),
      );
    } catch (e) {
      list.replaceChildren(notice("error", `Imports could not be loaded: ${(e as Error).message}`));
    }
  };
  poll(load, 5000);
};
