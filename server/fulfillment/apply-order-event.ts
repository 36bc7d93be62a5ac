// Applies a refund or dispute to the order of a payment intent, as the state machine decides.
import "server-only";
import { db } from "@/server/db";
import { log } from "@/server/log";
import { decide, isOrderStatus, type OrderEvent, type OrderStatus } from "@/server/fulfillment/order-status";
import { changeAccess, type AccessChange } from "@/server/fulfillment/change-access";
import { notifyOrderChanged } from "@/server/fulfillment/order-events";

export type MoneyEvent = Exclude<OrderEvent, "payment_succeeded" | "payment_failed">;

export type ApplyOrderEventOptions = {
  paymentIntentId: string;
  event: MoneyEvent;
  chargeId?: string | null;
  /** Cumulative, as Stripe reports it on the charge; only ever raises Order.amountRefunded. */
  amountRefunded?: number;
  dispute?: { id: string; status: string };
  /** Who told us: "webhook" or "reconcile", for the audit log. */
  source: string;
};

export type ApplyOrderEventResult =
  | { outcome: "wait"; orderId: string | null; reason: string }
  | { outcome: "ignored"; orderId: string; status: OrderStatus; reason: string }
  | { outcome: "applied"; orderId: string; from: OrderStatus; to: OrderStatus; access: AccessChange };

type OrderRow = { id: string; status: string; amountRefunded: number; stripeDisputeId: string | null; disputeStatus: string | null };

function orderChanges(order: OrderRow, options: ApplyOrderEventOptions) {
  const { event, chargeId, amountRefunded, dispute } = options;
  const data: Record<string, unknown> = {};
  if (chargeId) data.stripeChargeId = chargeId;
  if (amountRefunded !== undefined && amountRefunded > order.amountRefunded) data.amountRefunded = amountRefunded;
  if (event === "refunded_in_full") data.statusReason = "refunded in full";
  if (dispute) {
    data.stripeDisputeId = dispute.id;
    data.disputeStatus = dispute.status;
    // A new dispute needs its own evidence.
    if (order.stripeDisputeId !== dispute.id) data.evidenceSubmittedAt = null;
    if (event === "dispute_opened") data.statusReason = "a payment dispute was opened";
    if (event === "dispute_lost") data.statusReason = "the payment dispute was lost";
    if (event === "dispute_won") data.statusReason = null;
  }
  return data;
}

/**
 * Idempotent and order-safe. The order is found by payment intent; none yet (or not paid yet)
 * means "wait": the caller keeps the event and applies it when the order is paid. The move is a
 * compare-and-set on the fields it decides from (status, refunded amount, dispute), so a concurrent
 * event makes this one re-read and decide again rather than overwrite; access changes in the same
 * transaction as the status.
 */
export async function applyOrderEvent(options: ApplyOrderEventOptions): Promise<ApplyOrderEventResult> {
  const { paymentIntentId, event, dispute, source } = options;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const order = await db.order.findUnique({ where: { stripePaymentIntentId: paymentIntentId } });
    if (!order) return { outcome: "wait", orderId: null, reason: `no order for ${paymentIntentId} yet` };
    if (!isOrderStatus(order.status)) throw new Error(`order ${order.id} has an unknown status "${order.status}"`);
    const from = order.status;
    const { decision, reason: stale } = decide({ status: from, event, knownDispute: { id: order.stripeDisputeId, status: order.disputeStatus }, disputeId: dispute?.id });
    if (decision === "wait") return { outcome: "wait", orderId: order.id, reason: `order ${order.id} is ${from}, not paid yet` };
    if (decision === "ignore") {
      log.info("order_event_ignored", { orderId: order.id, event, status: from, reason: stale, source });
      return { outcome: "ignored", orderId: order.id, status: from, reason: stale ?? `${event} changes nothing on a ${from} order` };
    }
    const to = decision;
    const changes = orderChanges(order, options);
    if (to === from && Object.entries(changes).every(([key, value]) => order[key as keyof typeof order] === value)) {
      return { outcome: "ignored", orderId: order.id, status: from, reason: `${event} already applied` };
    }
    const access = await db.$transaction(async (tx) => {
      const moved = await tx.order.updateMany({
        where: { id: order.id, status: from, amountRefunded: order.amountRefunded, stripeDisputeId: order.stripeDisputeId, disputeStatus: order.disputeStatus },
        data: { ...changes, status: to },
      });
      if (moved.count === 0) return null;
      const change = await changeAccess({ tx, orderId: order.id, event });
      await tx.auditLog.create({
        data: { actor: `stripe:${source}`, action: `order.${event}`, targetType: "order", targetId: order.id, data: JSON.stringify({ from, to, ...change, chargeId: options.chargeId, amountRefunded: options.amountRefunded, dispute }) },
      });
      return change;
    });
    if (!access) continue; // someone changed the order between our read and our write: decide again
    log.info("order_event_applied", { orderId: order.id, event, from, to, ...access, source });
    notifyOrderChanged(order.id);
    return { outcome: "applied", orderId: order.id, from, to, access };
  }
  throw new Error(`order of ${paymentIntentId} kept changing while applying ${event}; will retry`);
}
