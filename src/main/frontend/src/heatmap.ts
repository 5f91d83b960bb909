import type { ElementStatistics } from "./types";

export interface Badge {
  kind: "active" | "completed" | "canceled" | "incidents";
  count: number;
  label: string;
}

/** The badges an element gets on the heatmap: one per non-zero count, incidents first. */
export function badgesFor(s: ElementStatistics): Badge[] {
  const badges: Badge[] = [];
  if (s.incidents)
    badges.push({ kind: "incidents", count: s.incidents, label: `${s.incidents} with incidents` });
  if (s.active) badges.push({ kind: "active", count: s.active, label: `${s.active} active` });
  if (s.completed)
    badges.push({ kind: "completed", count: s.completed, label: `${s.completed} completed` });
  if (s.canceled)
    badges.push({ kind: "canceled", count: s.canceled, label: `${s.canceled} canceled` });
  return badges;
}

/** Totals over all elements, for the legend. */
export function totals(stats: ElementStatistics[]): Omit<ElementStatistics, "elementId"> {
  return stats.reduce(
    (t, s) => ({
      active: t.active + s.active,
      completed: t.completed + s.completed,
      canceled: t.canceled + s.canceled,
      incidents: t.incidents + s.incidents,
    }),
    { active: 0, completed: 0, canceled: 0, incidents: 0 },
  );
}
