// Runs one next-auth action in-process (its documented `NextAuth(req, res, options)` form) and
// returns what it decided: where to go next and which cookies to set. Our portal routes call it
// after their own same-origin check, so every sign-in step still goes through next-auth's code.
import "server-only";
import NextAuth from "next-auth";
import { getEnv } from "@/server/env";
import { getAuthOptions } from "@/server/portal/auth-options";

export type RunNextAuthOptions = {
  action: "csrf" | "signin" | "callback" | "signout";
  method: "GET" | "POST";
  query?: Record<string, string>;
  body?: Record<string, string>;
  cookies: Record<string, string>;
};

export type NextAuthOutcome = {
  status: number;
  /** Absolute URL next-auth redirects to, if any. */
  location: string | null;
  /** Set-Cookie header values, ready to forward. */
  setCookies: string[];
  body: unknown;
};

export async function runNextAuth({ action, method, query = {}, body, cookies }: RunNextAuthOptions): Promise<NextAuthOutcome> {
  const appUrl = new URL(getEnv().APP_URL);
  const headers = new Map<string, unknown>();
  const outcome: NextAuthOutcome = { status: 200, location: null, setCookies: [], body: undefined };
  const res = {
    status(code: number) {
      outcome.status = code;
      return res;
    },
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    end: () => undefined,
    json: (value: unknown) => void (outcome.body = value),
    send: (value: unknown) => void (outcome.body = value),
  };
  const req = {
    method,
    query: { ...query, nextauth: action === "csrf" ? ["csrf"] : [action, "email"] },
    body: body ?? {},
    cookies,
    headers: { host: appUrl.host, "x-forwarded-proto": appUrl.protocol.replace(":", "") },
  };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(req, res, getAuthOptions());
  const location = headers.get("location");
  outcome.location = typeof location === "string" ? location : null;
  const setCookie = headers.get("set-cookie");
  outcome.setCookies = Array.isArray(setCookie) ? setCookie.map(String) : setCookie ? [String(setCookie)] : [];
  return outcome;
}

/** Reads one cookie's value out of Set-Cookie headers (next-auth URL-encodes values). */
export function cookieFrom(setCookies: string[], name: string): string | undefined {
  for (const header of setCookies) {
    const [pair] = header.split(";");
    const index = pair!.indexOf("=");
    if (pair!.slice(0, index).trim() === name) return decodeURIComponent(pair!.slice(index + 1));
  }
  return undefined;
}

/**
 * Presents a CSRF token that next-auth itself minted, so its POST actions accept an in-process call
 * that our route has already checked for same origin. Returns the cookies to send with it.
 */
export async function withCsrf(cookies: Record<string, string>): Promise<{ csrfToken: string; cookies: Record<string, string> }> {
  const csrf = await runNextAuth({ action: "csrf", method: "GET", cookies });
  const csrfToken = (csrf.body as { csrfToken?: string } | undefined)?.csrfToken;
  if (!csrfToken) throw new Error("next-auth returned no CSRF token");
  const name = getAuthOptions().useSecureCookies ? "__Host-next-auth.csrf-token" : "next-auth.csrf-token";
  const fresh = cookieFrom(csrf.setCookies, name);
  return { csrfToken, cookies: fresh ? { ...cookies, [name]: fresh } : cookies };
}
