// How the portal's form posts answer: a 303 to the next page (with the cookies next-auth set), or a page that says why.
import "server-only";
import { getEnv } from "@/server/env";
import { isAppError } from "@/server/errors";
import { log } from "@/server/log";
import { refusalPage } from "@/server/http/refusal-page";

export type RedirectOptions = { path: string; params?: Record<string, string | undefined>; hash?: string; setCookies?: string[] };

/** 303 so the browser follows with a GET; never cached, since it may carry a session cookie. */
export function redirectTo({ path, params = {}, hash, setCookies = [] }: RedirectOptions): Response {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const query = search.size ? `?${search}` : "";
  const location = path.startsWith("http") ? path : `${getEnv().APP_URL}${path}${query}${hash ? `#${hash}` : ""}`;
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of setCookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

/** The request's cookies as next-auth wants them: name → value. */
export function requestCookies(request: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      cookies[name] = part.slice(index + 1).trim();
    }
  }
  return cookies;
}

/** AppErrors become a page with their message and a way back; anything else a calm 500 page. */
export function portalErrorPage(error: unknown, route: string): Response {
  const action = { href: `${getEnv().APP_URL}/portal`, label: "Back to your library" };
  if (isAppError(error)) {
    const titles: Record<string, string> = { forbidden: "We can't do that", not_found: "We can't find that", rate_limited: "Please wait a little" };
    return refusalPage({ status: error.status, title: titles[error.code] ?? "That didn't work", message: error.message, action });
  }
  log.error("portal_error", { route, error });
  return refusalPage({ status: 500, title: "Something went wrong on our side", message: "Please try again in a minute. If it keeps happening, write to us.", action });
}
