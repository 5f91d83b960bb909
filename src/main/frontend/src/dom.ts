/** A small element builder: text is always set as text, never parsed as HTML. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (key === "class") {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Appends children, leaving out null, undefined and false. */
export function add(el: Element, ...children: (Child | Child[])[]): void {
  append(el, children);
}

/** A link inside the app (the router takes the click). */
export function link(path: string, text: string, attrs: Attrs = {}): HTMLAnchorElement {
  return h("a", { href: path, "data-link": true, ...attrs }, text);
}

/** A status region for what happened: empty states, errors, successes. */
export function notice(kind: "info" | "error" | "success", ...text: Child[]): HTMLElement {
  return h(
    "p",
    { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : "status" },
    ...text,
  );
}

export function table(
  label: string,
  headers: string[],
  rows: (Child | Child[])[][],
): HTMLTableElement {
  return h(
    "table",
    { "aria-label": label },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        headers.map((x) => h("th", { scope: "col" }, x)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((r) =>
        h(
          "tr",
          {},
          r.map((c) => h("td", {}, c)),
        ),
      ),
    ),
  );
}

export function section(title: string, ...children: (Child | Child[])[]): HTMLElement {
  const id = "s-" + title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return h(
    "section",
    { "aria-labelledby": id, class: "card" },
    h("h2", { id }, title),
    ...children,
  );
}
