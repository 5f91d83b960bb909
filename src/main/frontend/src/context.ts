import type { User } from "./query";

/** What a page gets: the signed-in user, its container, and how to leave or repeat work. */
export interface PageContext {
  user: User;
  root: HTMLElement;
  params: Record<string, string>;
  navigate: (path: string, flash?: string) => void;
  /** Runs `task` now and every `ms` until the page is left (live updates by short polling). */
  poll: (task: () => Promise<void>, ms: number) => void;
  /** Called when the page is left. */
  onLeave: (cleanup: () => void) => void;
  flash?: string;
}

export type Page = (ctx: PageContext) => Promise<void> | void;
