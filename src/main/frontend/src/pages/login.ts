import { csrfToken } from "../api";
import { h, notice } from "../dom";

/** The sign-in page: posts the form to POST /login with the CSRF token in X-XSRF-TOKEN. */
export function loginPage(app: HTMLElement): void {
  document.title = "Sign in · Expansion Playbook";
  const search = new URLSearchParams(location.search);
  const status = h("div", { id: "login-status" });
  if (search.has("error")) status.append(notice("error", "Wrong user name or password."));
  if (search.has("logout")) status.append(notice("success", "You have signed out."));
  const username = h("input", {
    id: "username",
    name: "username",
    autocomplete: "username",
    required: true,
  });
  const password = h("input", {
    id: "password",
    name: "password",
    type: "password",
    autocomplete: "current-password",
    required: true,
  });
  const form = h(
    "form",
    { class: "card login", "aria-labelledby": "login-title" },
    h("h1", { id: "login-title" }, "Sign in"),
    status,
    h("label", { for: "username" }, "User name"),
    username,
    h("label", { for: "password" }, "Password"),
    password,
    h("button", { type: "submit" }, "Sign in"),
    h("p", { class: "hint" }, "Demo users: csm-01 … csm-08, manager, leader, ops (password demo)."),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.replaceChildren();
    const body = new URLSearchParams({ username: username.value, password: password.value });
    try {
      const response = await fetch("/login", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-XSRF-TOKEN": csrfToken() ?? "",
        },
        body,
        credentials: "same-origin",
      });
      if (response.url.includes("error") || response.status >= 400) {
        status.append(
          notice(
            "error",
            response.status === 403
              ? "The sign-in form has expired; reload the page and try again."
              : "Wrong user name or password.",
          ),
        );
        password.value = "";
        password.focus();
        return;
      }
      location.assign("/");
    } catch (e) {
      status.append(notice("error", `The app did not answer: ${(e as Error).message}`));
    }
  });
  app.replaceChildren(h("main", { id: "content", class: "centered" }, form));
  username.focus();
}
