// POST /portal/sign-out: ends the session (next-auth deletes it) and clears its cookie.
import { assertSameOrigin } from "@/server/http/assert-same-origin";
import { signOut } from "@/server/portal/sign-out";
import { portalErrorPage, redirectTo, requestCookies } from "@/server/portal/portal-http";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const { setCookies } = await signOut({ cookies: requestCookies(request) });
    return redirectTo({ path: "/portal", params: { signed_out: "1" }, setCookies });
  } catch (error) {
    return portalErrorPage(error, "portal_sign_out");
  }
}
