// POST /portal/sign-in/link: the confirm page's Continue button. Spends the link and opens the session.
import { assertSameOrigin } from "@/server/http/assert-same-origin";
import { readFormOrJson } from "@/server/http/read-form-or-json";
import { completeLinkSignIn } from "@/server/portal/complete-link-sign-in";
import { linkSignInSchema } from "@/server/portal/schemas";
import { portalErrorPage, redirectTo, requestCookies } from "@/server/portal/portal-http";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const form = await readFormOrJson(request);
    const input = linkSignInSchema.safeParse(form);
    const email = input.success ? input.data.email : String(form.email ?? "").slice(0, 254);
    if (!input.success) return redirectTo({ path: "/portal/error", params: { error: "Verification", email } });
    const result = await completeLinkSignIn({ ...input.data, callbackPath: input.data.callbackUrl, cookies: requestCookies(request) });
    if (!result.ok) return redirectTo({ path: "/portal/error", params: { error: result.reason === "invalid_link" ? "Verification" : "Callback", email } });
    return redirectTo({ path: result.location, setCookies: result.setCookies });
  } catch (error) {
    return portalErrorPage(error, "portal_sign_in_link");
  }
}
