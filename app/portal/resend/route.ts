// POST /portal/resend: "Email me my links again" for one of the signed-in buyer's orders.
import { isAppError } from "@/server/errors";
import { resendOrderLinks } from "@/server/portal/resend-order-links";
import { resendRequestSchema } from "@/server/portal/schemas";
import { portalErrorPage, redirectTo } from "@/server/portal/portal-http";
import { readLibraryForm } from "@/server/portal/read-library-form";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  let orderId: string | undefined;
  try {
    const form = await readLibraryForm(request, resendRequestSchema);
    if (form instanceof Response) return form;
    orderId = form.input.order;
    await resendOrderLinks({ email: form.email, orderId });
    return redirectTo({ path: "/portal", params: { sent: orderId }, hash: `order-${orderId}` });
  } catch (error) {
    if (isAppError(error) && error.code === "rate_limited" && orderId) {
      return redirectTo({ path: "/portal", params: { error: "resend_limited", wait: String(error.retryAfterSeconds ?? 60), order: orderId }, hash: `order-${orderId}` });
    }
    return portalErrorPage(error, "portal_resend");
  }
}
