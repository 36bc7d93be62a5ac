// CSRF protection for our own form posts: the browser must say the request came from this app's pages.
import "server-only";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * Sec-Fetch-Site, which browsers set themselves and pages cannot forge, decides when present
 * ("same-origin" passes; "cross-site" and "same-site" do not). Without it, Origin (or Referer) must
 * be this app's; "null" is refused. A request with none of them cannot come from a victim's browser
 * (it carries no ambient cookies a page could ride on), so scripts may still call us.
 */
export function assertSameOrigin(request: Request): void {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite) {
    if (fetchSite === "same-origin" || fetchSite === "none") return;
    throw refusal();
  }
  const appOrigin = new URL(getEnv().APP_URL).origin;
  const origin = request.headers.get("origin");
  const referer = request.headers.get("referer");
  const claimed = origin !== null ? origin : referer !== null ? originOf(referer) : undefined;
  if (claimed !== undefined && claimed !== appOrigin) throw refusal();
}

function refusal(): AppError {
  return new AppError("forbidden", "This form was sent from another site, so we ignored it. Open the page on our site and try again.");
}
