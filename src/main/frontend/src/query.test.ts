import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, filtersFromSearch, filtersToSearch, keepTask, taskQuery } from "./query";

const csm = { username: "csm-05", roles: ["csm"], groups: ["csm"] };
const now = new Date("2026-12-02T12:00:00Z");

describe("inbox query", () => {
  it("asks for my tasks sorted by due date by default", () => {
    expect(taskQuery(DEFAULT_FILTERS, csm, now)).toBe(
      "assignee=csm-05&sort=dueDate%2Casc&limit=200",
    );
  });

  it("turns due filters into dueBefore and keeps the process", () => {
    const q = new URLSearchParams(
      taskQuery(
        {
          ...DEFAULT_FILTERS,
          show: "all",
          due: "week",
          processId: "renewal",
          sort: "priority",
          order: "desc",
        },
        csm,
        now,
      ),
    );
    expect(q.get("assignee")).toBeNull();
    expect(q.get("processId")).toBe("renewal");
    expect(q.get("dueBefore")).toBe("2026-12-08T23:59:59.999Z");
    expect(q.get("sort")).toBe("priority,desc");
    expect(
      new URLSearchParams(taskQuery({ ...DEFAULT_FILTERS, due: "overdue" }, csm, now)).get(
        "dueBefore",
      ),
    ).toBe(now.toISOString());
  });

  it("filters unassigned and group tasks on the client", () => {
    const open = { assignee: null, candidateGroups: ["csm"] };
    const managers = { assignee: null, candidateGroups: ["sales-managers"] };
    const held = { assignee: "csm-01", candidateGroups: ["csm"] };
    const unassigned = { ...DEFAULT_FILTERS, show: "unassigned" as const };
    const groups = { ...DEFAULT_FILTERS, show: "groups" as const };
    expect([open, managers, held].map((t) => keepTask(t, unassigned, csm))).toEqual([
      true,
      true,
      false,
    ]);
    expect([open, managers, held].map((t) => keepTask(t, groups, csm))).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("round-trips the filters through the page URL and ignores unknown values", () => {
    const f = { ...DEFAULT_FILTERS, show: "groups" as const, sort: "createdAt" as const };
    expect(filtersFromSearch(filtersToSearch(f))).toEqual(f);
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe("");
    expect(filtersFromSearch("?show=everything&sort=name")).toEqual(DEFAULT_FILTERS);
  });
});
