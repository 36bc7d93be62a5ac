// The demo checkout's "Pay" button: sends a signed event to our own webhook, then shows the thanks page.
import { completeDemoPayment } from "@/server/checkout/complete-demo-payment";
import { demoPaymentSchema } from "@/server/checkout/schemas";
import { readFormOrJson } from "@/server/http/read-form-or-json";
import { getEnv } from "@/server/env";
import { toErrorResponse } from "@/server/errors";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const body = await readFormOrJson(request);
    const parsed = demoPaymentSchema.safeParse(body);
    const appUrl = getEnv().APP_URL;
    if (!parsed.success) {
      const query = new URLSearchParams({ session: String(body.session ?? ""), product: String(body.product ?? ""), error: "Enter the email address where your files should go." });
      return Response.redirect(`${appUrl}/demo/checkout?${query}`, 303);
    }
    const { session, product, email, outcome } = parsed.data;
    await completeDemoPayment({ sessionId: session, slug: product, email, outcome });
    return Response.redirect(`${appUrl}/thanks?session_id=${session}`, 303);
  } catch (error) {
    return toErrorResponse(error, { route: "demo-pay" });
  }
}
