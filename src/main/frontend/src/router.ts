/** The page URLs and their parameters. */

export type PageName =
  | "home"
  | "login"
  | "queue"
  | "inbox"
  | "task"
  | "account"
  | "approvals"
  | "dashboard"
  | "processes"
  | "process"
  | "models"
  | "imports"
  | "notFound";

export interface Route {
  page: PageName;
  params: Record<string, string>;
}

const ROUTES: [RegExp, PageName, string[]][] = [
  [/^\/$/, "home", []],
  [/^\/login$/, "login", []],
  [/^\/queue$/, "queue", []],
  [/^\/inbox$/, "inbox", []],
  [/^\/tasks\/([^/]+)$/, "task", ["id"]],
  [/^\/accounts\/([^/]+)$/, "account", ["id"]],
  [/^\/approvals$/, "approvals", []],
  [/^\/dashboard$/, "dashboard", []],
  [/^\/processes$/, "processes", []],
  [/^\/processes\/([^/]+)$/, "process", ["processId"]],
  [/^\/models$/, "models", []],
  [/^\/imports$/, "imports", []],
];

export function match(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  for (const [pattern, page, names] of ROUTES) {
    const m = pattern.exec(path);
    if (m) {
      const params: Record<string, string> = {};
      names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      return { page, params };
    }
  }
  return { page: "notFound", params: {} };
}
