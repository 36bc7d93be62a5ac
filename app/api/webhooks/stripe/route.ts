// Stripe's webhook: raw body → verify → store by id → 200 at once; processing runs after the response.
import { after } from "next/server";
import { readLimitedBody } from "@/server/http/read-limited-body";
import { receiveStripeWebhook } from "@/server/webhooks/receive-stripe-webhook";
import { processReceivedEvent } from "@/server/webhooks/process-stripe-event";
import { getEnv } from "@/server/env";
import { toErrorResponse } from "@/server/errors";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const rawBody = await readLimitedBody(request, getEnv().WEBHOOK_MAX_BODY_BYTES);
    const result = await receiveStripeWebhook({ rawBody, signature: request.headers.get("stripe-signature") });
    // The fast path; the stored event and the sweeper make it durable if this never runs.
    const claimed = result.claimed;
    if (claimed) after(() => processReceivedEvent(claimed));
    return Response.json({ received: true, duplicate: result.isDuplicate, ignored: !result.isHandled });
  } catch (error) {
    return toErrorResponse(error, { route: "webhook" });
  }
}
