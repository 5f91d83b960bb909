/** The one API client: session cookie, CSRF header, JSON errors as {@link ApiError}. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The XSRF-TOKEN cookie's value, which the app expects back in X-XSRF-TOKEN. */
export function csrfToken(cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "XSRF-TOKEN") return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** The message of an error response: the API's `{status, error, message}` or the status line. */
export async function errorMessage(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body && typeof body.message === "string" && body.message) return body.message;
  } catch {
    // not JSON
  }
  return `${response.status} ${response.statusText || "error"}`.trim();
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  form?: FormData;
}

export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {
    Accept: "application/json",
    "X-Requested-With": "XMLHttpRequest",
  };
  const token = csrfToken();
  if (method !== "GET" && token) headers["X-XSRF-TOKEN"] = token;
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, { method, headers, body, credentials: "same-origin" });
  if (response.status === 401) {
    location.assign("/login");
    throw new ApiError(401, "Your session has ended: sign in again.");
  }
  if (!response.ok) throw new ApiError(response.status, await errorMessage(response));
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function apiText(path: string): Promise<string> {
  return (await request(path)).text();
}
