import "./style.css";
import { api, ApiError, csrfToken } from "./api";
import type { Page, PageContext } from "./context";
import { h, link, notice } from "./dom";
import { homeFor, navFor } from "./nav";
import type { User } from "./query";
import { match, type PageName } from "./router";
import { loginPage } from "./pages/login";

const PAGES: Record<Exclude<PageName, "home" | "login" | "notFound">, () => Promise<Page>> = {
  queue: () => import("./pages/queue").then((m) => m.queuePage),
  inbox: () => import("./pages/inbox").then((m) => m.inboxPage),
  task: () => import("./pages/task").then((m) => m.taskPage),
  account: () => import("./pages/account").then((m) => m.accountPage),
  approvals: () => import("./pages/approvals").then((m) => m.approvalsPage),
  dashboard: () => import("./pages/dashboard").then((m) => m.dashboardPage),
  processes: () => import("./pages/processes").then((m) => m.processesPage),
  process: () => import("./pages/process").then((m) => m.processPage),
  models: () => import("./pages/models").then((m) => m.modelsPage),
  imports: () => import("./pages/imports").then((m) => m.importsPage),
};

const app = document.getElementById("app")!;
let user: User | null = null;
let cleanups: (() => void)[] = [];
let flash: string | undefined;

function leave(): void {
  cleanups.forEach((c) => c());
  cleanups = [];
}

export function navigate(path: string, message?: string): void {
  flash = message;
  history.pushState({}, "", path);
  void render();
}

async function signOut(): Promise<void> {
  await fetch("/logout", {
    method: "POST",
    headers: { "X-XSRF-TOKEN": csrfToken() ?? "" },
    credentials: "same-origin",
  });
  location.assign("/login?logout");
}

function shell(u: User, current: string): HTMLElement {
  const items = navFor(u.roles);
  const main = h("main", { id: "content", tabindex: "-1" });
  app.replaceChildren(
    h(
      "header",
      { class: "top" },
      h("a", { href: "/", "data-link": true, class: "brand" }, "Expansion Playbook"),
      h(
        "nav",
        { "aria-label": "Main" },
        h(
          "ul",
          {},
          items.map((i) =>
            h(
              "li",
              {},
              link(i.path, i.label, {
                "aria-current": current.startsWith(i.path) ? "page" : null,
              }),
            ),
          ),
        ),
      ),
      h(
        "div",
        { class: "who" },
        h("span", {}, `${u.displayName || u.username} (${u.roles.join(", ")})`),
        h("button", { type: "button", onclick: () => void signOut() }, "Sign out"),
      ),
    ),
    main,
  );
  return main;
}

async function render(): Promise<void> {
  leave();
  const route = match(location.pathname);
  if (route.page === "login") {
    user = null;
    loginPage(app);
    return;
  }
  if (!user) {
    try {
      user = await api<User>("/api/me");
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      app.replaceChildren(notice("error", `Cannot reach the app: ${(e as Error).message}`));
      return;
    }
  }
  if (route.page === "home") {
    const home = homeFor(user.roles);
    if (home) {
      history.replaceState({}, "", home);
      return render();
    }
  }
  const root = shell(user, location.pathname);
  const message = flash;
  flash = undefined;
  if (route.page === "home" || route.page === "notFound") {
    root.append(
      h("h1", {}, route.page === "home" ? "Welcome" : "Page not found"),
      notice(
        "info",
        route.page === "home"
          ? "Your roles have no pages in the workspace; use the API (README, Sign-in and roles)."
          : `Nothing lives at ${location.pathname}. Use the navigation above.`,
      ),
    );
    return;
  }
  const ctx: PageContext = {
    user,
    root,
    params: route.params,
    navigate,
    flash: message,
    onLeave: (c) => cleanups.push(c),
    poll: (task, ms) => {
      let stopped = false;
      let timer: number | undefined;
      const run = async () => {
        try {
          await task();
        } finally {
          if (!stopped) timer = window.setTimeout(run, ms);
        }
      };
      cleanups.push(() => {
        stopped = true;
        window.clearTimeout(timer);
      });
      void run();
    },
  };
  try {
    const page = await PAGES[route.page]();
    await page(ctx);
  } catch (e) {
    root.append(
      notice(
        "error",
        `This page could not be shown: ${(e as Error).message}. Reload to try again.`,
      ),
    );
  }
}

document.addEventListener("click", (event) => {
  const a = (event.target as Element).closest?.("a[data-link]") as HTMLAnchorElement | null;
  if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(a.getAttribute("href")!);
});
window.addEventListener("popstate", () => void render());
void render();
