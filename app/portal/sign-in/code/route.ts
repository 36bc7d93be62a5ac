// POST /portal/sign-in/code: the six-digit code typed instead of clicking the link.
import { assertSameOrigin } from "@/server/http/assert-same-origin";
import { clientIp } from "@/server/http/client-ip";
import { readFormOrJson } from "@/server/http/read-form-or-json";
import { completeCodeSignIn } from "@/server/portal/complete-code-sign-in";
import { codeSignInSchema } from "@/server/portal/schemas";
import { portalErrorPage, redirectTo, requestCookies } from "@/server/portal/portal-http";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const form = await readFormOrJson(request);
    const input = codeSignInSchema.safeParse(form);
    const email = input.success ? input.data.email : String(form.email ?? "").slice(0, 254);
    const callbackUrl = input.success && input.data.callbackUrl !== "/portal" ? input.data.callbackUrl : undefined;
    if (!input.success) return redirectTo({ path: "/portal/check-email", params: { email, error: "bad_code" } });
    const result = await completeCodeSignIn({ ...input.data, ip: clientIp(request), callbackPath: input.data.callbackUrl, cookies: requestCookies(request) });
    if (result.ok) return redirectTo({ path: result.location, setCookies: result.setCookies });
    const extra = result.reason === "wrong_code" ? { tries: String(result.triesLeft) } : result.reason === "rate_limited" ? { wait: String(result.retryAfterSeconds) } : {};
    return redirectTo({ path: "/portal/check-email", params: { email, callbackUrl, error: `code_${result.reason}`, ...extra } });
  } catch (error) {
    return portalErrorPage(error, "portal_sign_in_code");
  }
}
