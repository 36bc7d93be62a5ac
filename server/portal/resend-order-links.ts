// "Email me my links again": a new delivery email for one order of the signed-in buyer, a few an hour at most.
import "server-only";
import { db, isUniqueViolation } from "@/server/db";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { enqueueMessage } from "@/server/outbox/enqueue-message";
import { kickOutbox } from "@/server/outbox/drain-outbox";
import { consumeRateLimit, describeWait } from "@/server/rate-limit/consume-rate-limit";

export type ResendOrderLinksOptions = { email: string; orderId: string; now?: Date };

/**
 * Goes to the order's own address (the signed-in one), never to an address from the request. A
 * repeat within the same minute (a double click) finds the message already queued and neither sends
 * again nor spends the allowance; otherwise each resend is a new outbox message whose dedupe key
 * carries its minute, and the hourly limit per order is taken first.
 */
export async function resendOrderLinks({ email, orderId, now = new Date() }: ResendOrderLinksOptions): Promise<{ to: string }> {
  const order = await db.order.findUnique({ where: { id: orderId }, include: { entitlements: { select: { revokedAt: true } } } });
  if (!order || order.email !== email.toLowerCase()) {
    throw new AppError("not_found", "We can't find that order in your library. Reload the page and try again.");
  }
  if (order.status !== "paid" || order.entitlements.every((entitlement) => entitlement.revokedAt)) {
    throw new AppError("conflict", "This order has no downloads to send: it was refunded, is suspended, or is not paid yet.");
  }
  const dedupeKey = `order_delivered:${order.id}:resend:${Math.floor(now.getTime() / 60_000)}`;
  if (await db.outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } })) return { to: order.email };
  const limit = getEnv().PORTAL_RESENDS_PER_HOUR;
  const allowance = await consumeRateLimit({ key: `resend:order:${order.id}`, limit, windowMs: 3_600_000, now });
  if (!allowance.allowed) {
    throw new AppError(
      "rate_limited",
      `We already sent this order's links ${limit} times in the last hour. Try again in ${describeWait(allowance.retryAfterSeconds)}, and check your spam folder meanwhile.`,
      { retryAfterSeconds: allowance.retryAfterSeconds },
    );
  }
  try {
    await enqueueMessage({ tx: db, kind: "order_delivered", dedupeKey, to: order.email, payload: { orderId: order.id }, orderId: order.id });
  } catch (error) {
    // Two presses at the same instant: the other one queued this minute's message.
    if (!isUniqueViolation(error)) throw error;
  }
  kickOutbox();
  return { to: order.email };
}
