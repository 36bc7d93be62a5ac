// POST /portal/resend: "Email me my links again" for one of the signed-in buyer's orders.
import { assertSameOrigin } from "@/server/http/assert-same-origin";
import { readFormOrJson } from "@/server/http/read-form-or-json";
import { AppError, isAppError } from "@/server/errors";
import { getSignedInEmail } from "@/server/portal/get-signed-in-email";
import { resendOrderLinks } from "@/server/portal/resend-order-links";
import { resendRequestSchema } from "@/server/portal/schemas";
import { portalErrorPage, redirectTo } from "@/server/portal/portal-http";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  let orderId: string | undefined;
  try {
    assertSameOrigin(request);
    const email = await getSignedInEmail();
    if (!email) return redirectTo({ path: "/portal", params: { error: "session_needed" } });
    const input = resendRequestSchema.safeParse(await readFormOrJson(request));
    if (!input.success) throw new AppError("bad_request", "That button is out of date. Reload your library and try again.");
    orderId = input.data.order;
    await resendOrderLinks({ email, orderId });
    return redirectTo({ path: "/portal", params: { sent: orderId }, hash: `order-${orderId}` });
  } catch (error) {
    if (isAppError(error) && error.code === "rate_limited" && orderId) {
      return redirectTo({ path: "/portal", params: { error: "resend_limited", wait: String(error.retryAfterSeconds ?? 60), order: orderId }, hash: `order-${orderId}` });
    }
    return portalErrorPage(error, "portal_resend");
  }
}
