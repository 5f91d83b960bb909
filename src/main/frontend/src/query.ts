/** The inbox's filters and how they become a GET /api/tasks query. */

export type Show = "mine" | "unassigned" | "groups" | "all";
export type Due = "any" | "overdue" | "today" | "week";
export type SortField = "dueDate" | "priority" | "createdAt";

export interface InboxFilters {
  show: Show;
  processId: string;
  due: Due;
  sort: SortField;
  order: "asc" | "desc";
}

export const DEFAULT_FILTERS: InboxFilters = {
  show: "mine",
  processId: "",
  due: "any",
  sort: "dueDate",
  order: "asc",
};

export interface User {
  username: string;
  displayName?: string;
  roles: string[];
  groups: string[];
}

/** The query string for the API; "unassigned" is applied to the result ({@link keepTask}). */
export function taskQuery(filters: InboxFilters, user: User, now: Date = new Date()): string {
  const params = new URLSearchParams();
  if (filters.show === "mine") params.set("assignee", user.username);
  if (filters.processId) params.set("processId", filters.processId);
  if (filters.due === "overdue") params.set("dueBefore", now.toISOString());
  if (filters.due === "today") params.set("dueBefore", endOfDay(now, 0).toISOString());
  if (filters.due === "week") params.set("dueBefore", endOfDay(now, 6).toISOString());
  params.set("sort", `${filters.sort},${filters.order}`);
  params.set("limit", "200");
  return params.toString();
}

/** Client-side part of the filters the API has no parameter for. */
export function keepTask(
  task: { assignee: string | null; candidateGroups: string[] },
  filters: InboxFilters,
  user: User,
): boolean {
  if (filters.show === "unassigned") return !task.assignee;
  if (filters.show === "groups")
    return !task.assignee && task.candidateGroups.some((g) => user.groups.includes(g));
  return true;
}

/** Filters from the page URL (so a filtered inbox survives a reload) and back. */
export function filtersFromSearch(search: string): InboxFilters {
  const p = new URLSearchParams(search);
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const v = p.get(key) as T | null;
    return v && allowed.includes(v) ? v : fallback;
  };
  return {
    show: pick("show", ["mine", "unassigned", "groups", "all"] as const, DEFAULT_FILTERS.show),
    processId: p.get("processId") ?? "",
    due: pick("due", ["any", "overdue", "today", "week"] as const, DEFAULT_FILTERS.due),
    sort: pick("sort", ["dueDate", "priority", "createdAt"] as const, DEFAULT_FILTERS.sort),
    order: pick("order", ["asc", "desc"] as const, DEFAULT_FILTERS.order),
  };
}

export function filtersToSearch(filters: InboxFilters): string {
  const p = new URLSearchParams();
  (Object.keys(filters) as (keyof InboxFilters)[]).forEach((k) => {
    if (filters[k] !== DEFAULT_FILTERS[k]) p.set(k, String(filters[k]));
  });
  const s = p.toString();
  return s ? `?${s}` : "";
}

function endOfDay(now: Date, plusDays: number): Date {
  const d = new Date(now);
  d.setUTCDate(d.getUTCDate() + plusDays);
  d.setUTCHours(23, 59, 59, 999);
  return d;
}
