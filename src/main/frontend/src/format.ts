/** Formatting shared by the pages. */

const DAY = 24 * 60 * 60 * 1000;

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "—" : d.toISOString().slice(0, 10);
}

export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  return Number(value).toFixed(2);
}

/** A share (0..1) as a whole percentage. */
export function formatPercent(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined || Number.isNaN(Number(share))) return "—";
  return `${(Number(share) * 100).toFixed(digits)} %`;
}

/** A KPI value in its unit (`pct`, `money`, `count`, ...). */
export function formatKpi(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return "—";
  switch (unit) {
    case "pct":
    case "percent":
    case "ratio":
      return formatPercent(value, 1);
    case "money":
    case "mrr":
    case "currency":
      return formatMoney(value);
    default:
      return Number.isInteger(value) ? String(value) : Number(value).toFixed(2);
  }
}

export type DueKind = "overdue" | "due-soon" | "on-time" | "none";

/** Tasklist-like due badge: overdue, due within a day, or on time. */
export function dueBadge(
  dueIso: string | null | undefined,
  now: Date = new Date(),
): { kind: DueKind; label: string } {
  if (!dueIso) return { kind: "none", label: "No due date" };
  const due = new Date(dueIso).getTime();
  const left = due - now.getTime();
  if (left < 0) return { kind: "overdue", label: `Overdue by ${span(-left)}` };
  if (left <= DAY) return { kind: "due-soon", label: `Due in ${span(left)}` };
  return { kind: "on-time", label: `Due in ${span(left)}` };
}

/** A duration in the largest whole unit: "3 days", "5 h", "12 min". */
export function span(ms: number): string {
  if (ms >= 2 * DAY) return `${Math.floor(ms / DAY)} days`;
  if (ms >= DAY) return "1 day";
  const hours = Math.floor(ms / (60 * 60 * 1000));
  if (hours >= 1) return `${hours} h`;
  return `${Math.max(1, Math.floor(ms / 60000))} min`;
}

/** "next-best-offer" → "Next best offer". */
export function humanize(code: string | null | undefined): string {
  if (!code) return "—";
  const words = code.replace(/[-_]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2");
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}
