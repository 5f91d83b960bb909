import { describe, expect, it } from "vitest";
import { dueBadge, formatKpi, formatPercent, humanize, span } from "./format";

describe("format", () => {
  const now = new Date("2026-12-02T12:00:00Z");

  it("badges overdue, due-soon and on-time tasks like Tasklist", () => {
    expect(dueBadge("2026-12-01T12:00:00Z", now)).toEqual({
      kind: "overdue",
      label: "Overdue by 1 day",
    });
    expect(dueBadge("2026-12-02T17:00:00Z", now)).toEqual({
      kind: "due-soon",
      label: "Due in 5 h",
    });
    expect(dueBadge("2026-12-05T12:00:00Z", now)).toEqual({
      kind: "on-time",
      label: "Due in 3 days",
    });
    expect(dueBadge(null, now).kind).toBe("none");
  });

  it("spans in the largest whole unit", () => {
    expect(span(30 * 1000)).toBe("1 min");
    expect(span(59 * 60 * 1000)).toBe("59 min");
    expect(span(2 * 24 * 3600 * 1000 + 5)).toBe("2 days");
  });

  it("formats KPIs by unit", () => {
    expect(formatKpi(0.6947, "ratio")).toBe("69.5 %");
    expect(formatKpi(455.6, "mrr")).toBe("455.60");
    expect(formatKpi(12, "count")).toBe("12");
    expect(formatKpi(null, "ratio")).toBe("—");
    expect(formatPercent(0.2)).toBe("20 %");
  });

  it("humanizes codes", () => {
    expect(humanize("high-potential")).toBe("High potential");
    expect(humanize("expansion-journey")).toBe("Expansion journey");
    expect(humanize(null)).toBe("—");
  });
});
