// POST /portal/sign-in: email me a sign-in link (and code). Same answer whether or not the address bought anything.
import { assertSameOrigin } from "@/server/http/assert-same-origin";
import { clientIp } from "@/server/http/client-ip";
import { readFormOrJson } from "@/server/http/read-form-or-json";
import { requestSignIn } from "@/server/portal/request-sign-in";
import { signInRequestSchema } from "@/server/portal/schemas";
import { portalErrorPage, redirectTo, requestCookies } from "@/server/portal/portal-http";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const form = await readFormOrJson(request);
    const input = signInRequestSchema.safeParse(form);
    if (!input.success) return redirectTo({ path: "/portal", params: { error: "invalid_email", email: String(form.email ?? "").slice(0, 254) } });
    const { email, callbackUrl } = input.data;
    const back = callbackUrl === "/portal" ? undefined : callbackUrl;
    const result = await requestSignIn({ email, ip: clientIp(request), callbackPath: callbackUrl, cookies: requestCookies(request) });
    if (!result.ok) {
      const wait = "retryAfterSeconds" in result ? String(result.retryAfterSeconds) : undefined;
      return redirectTo({ path: "/portal", params: { error: result.reason, wait, email, callbackUrl: back } });
    }
    return redirectTo({ path: "/portal/check-email", params: { email, callbackUrl: back } });
  } catch (error) {
    return portalErrorPage(error, "portal_sign_in");
  }
}
