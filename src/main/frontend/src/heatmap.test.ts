import { describe, expect, it } from "vitest";
import { badgesFor, totals } from "./heatmap";
import { csrfToken } from "./api";
import { importProgress } from "./pages/imports";

describe("heatmap", () => {
  it("draws a badge per non-zero count, incidents first", () => {
    const badges = badgesFor({
      elementId: "Task_A",
      active: 3,
      completed: 0,
      canceled: 1,
      incidents: 2,
    });
    expect(badges.map((b) => [b.kind, b.count])).toEqual([
      ["incidents", 2],
      ["active", 3],
      ["canceled", 1],
    ]);
    expect(
      badgesFor({ elementId: "x", active: 0, completed: 0, canceled: 0, incidents: 0 }),
    ).toEqual([]);
  });

  it("sums the counts for the legend", () => {
    expect(
      totals([
        { elementId: "a", active: 1, completed: 2, canceled: 0, incidents: 0 },
        { elementId: "b", active: 4, completed: 0, canceled: 1, incidents: 1 },
      ]),
    ).toEqual({ active: 5, completed: 2, canceled: 1, incidents: 1 });
  });
});

describe("api and imports", () => {
  it("reads the XSRF-TOKEN cookie", () => {
    expect(csrfToken("JSESSIONID=abc; XSRF-TOKEN=t%3D1; other=2")).toBe("t=1");
    expect(csrfToken("JSESSIONID=abc")).toBeUndefined();
  });

  it("shows an import's progress from its row counts", () => {
    const run = {
      state: "RUNNING",
      rowsRead: 200,
      imported: 50,
      updated: 30,
      unchanged: 10,
      rejected: 10,
    };
    expect(importProgress(run)).toBe(0.5);
    expect(importProgress({ ...run, state: "SUCCEEDED" })).toBe(1);
    expect(importProgress({ ...run, rowsRead: 0 })).toBe(0);
  });
});

describe("models", () => {
  it("lists stored model versions by kind, leaving out unknown kinds", async () => {
    const { fromVersions } = await import("./pages/models");
    const at = "2026-12-02T04:00:00Z";
    const entries = fromVersions([
      {
        kind: "BPMN",
        id: "renewal",
        version: 3,
        resourceName: "renewal.bpmn",
        deployedAt: at,
        deployedBy: "ops",
      },
      {
        kind: "FORM",
        id: "win-back",
        version: 1,
        resourceName: "win-back.form",
        deployedAt: at,
        deployedBy: "system",
      },
      {
        kind: "XYZ",
        id: "odd",
        version: 1,
        resourceName: "odd.xyz",
        deployedAt: at,
        deployedBy: "ops",
      },
    ]);
    expect(entries.map((e) => [e.kind, e.id, e.version])).toEqual([
      ["process", "renewal", 3],
      ["form", "win-back", 1],
    ]);
  });
});
