/** Navigation by role: which pages a user sees and where they land after signing in. */

export interface NavItem {
  path: string;
  label: string;
}

const BY_ROLE: Record<string, NavItem[]> = {
  csm: [
    { path: "/queue", label: "Queue" },
    { path: "/inbox", label: "Inbox" },
  ],
  manager: [
    { path: "/approvals", label: "Approvals" },
    { path: "/inbox", label: "Inbox" },
    { path: "/queue", label: "Queue" },
  ],
  leadership: [
    { path: "/dashboard", label: "Dashboard" },
    { path: "/processes", label: "Processes" },
  ],
  ops: [
    { path: "/models", label: "Models" },
    { path: "/imports", label: "Imports" },
    { path: "/processes", label: "Processes" },
  ],
  integration: [{ path: "/imports", label: "Imports" }],
};

/** The user's pages, in the order of their roles, each once. */
export function navFor(roles: string[]): NavItem[] {
  const seen = new Set<string>();
  const items: NavItem[] = [];
  for (const role of roles) {
    for (const item of BY_ROLE[role] ?? []) {
      if (!seen.has(item.path)) {
        seen.add(item.path);
        items.push(item);
      }
    }
  }
  return items;
}

/** Where "/" takes the user: their first page; none for roles without pages (e.g. privacy). */
export function homeFor(roles: string[]): string | null {
  return navFor(roles)[0]?.path ?? null;
}
