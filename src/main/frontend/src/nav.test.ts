import { describe, expect, it } from "vitest";
import { homeFor, navFor } from "./nav";
import { match } from "./router";

describe("navigation by role", () => {
  it("gives each role its pages", () => {
    expect(navFor(["csm"]).map((i) => i.path)).toEqual(["/queue", "/inbox"]);
    expect(homeFor(["manager"])).toBe("/approvals");
    expect(homeFor(["leadership"])).toBe("/dashboard");
    expect(navFor(["ops"]).map((i) => i.path)).toEqual(["/models", "/imports", "/processes"]);
    expect(homeFor(["privacy"])).toBeNull();
  });

  it("merges several roles without repeating a page", () => {
    expect(navFor(["manager", "csm"]).map((i) => i.path)).toEqual([
      "/approvals",
      "/inbox",
      "/queue",
    ]);
  });
});

describe("router", () => {
  it("matches the page URLs with their parameters", () => {
    expect(match("/tasks/42")).toEqual({ page: "task", params: { id: "42" } });
    expect(match("/accounts/TELCO-0029/")).toEqual({
      page: "account",
      params: { id: "TELCO-0029" },
    });
    expect(match("/processes/expansion-journey").params.processId).toBe("expansion-journey");
    expect(match("/").page).toBe("home");
    expect(match("/nope").page).toBe("notFound");
  });
});
