// The net under Stripe's webhooks: compares Stripe's record of recent payments and refunds with ours and fixes the gaps.
import "server-only";
import type Stripe from "stripe";
import { db } from "@/server/db";
import { log } from "@/server/log";
import { fulfillCheckoutSession, isSessionPaid } from "@/server/fulfillment/fulfill-checkout-session";
import { statusesAccepting, type OrderStatus } from "@/server/fulfillment/order-status";
import { applyChargeRefund, isFullyRefunded } from "@/server/fulfillment/apply-charge-refund";
import { idOf } from "@/server/fulfillment/stripe-ids";
import { listCheckoutSessionsSince, listRefundsSince, retrieveCharge } from "@/server/stripe/list-since";
import { releaseWaitingEvents } from "@/server/webhooks/process-waiting-events";

export type ReconcileOptions = { since: Date; pageSize?: number };

export type ReconcileReport = {
  since: string;
  checked: { sessions: number; refunds: number };
  fixed: Array<{ id: string; what: string }>;
  failed: Array<{ id: string; error: string }>;
};

/** A paid session whose order is missing or not yet paid is fulfilled by the very path the webhook takes. */
async function reconcileSession(session: Stripe.Checkout.Session): Promise<string | null> {
  if (session.mode && session.mode !== "payment") return null;
  if (!isSessionPaid(session)) return null;
  const existing = await db.order.findUnique({ where: { stripeCheckoutSessionId: session.id }, select: { status: true } });
  if (existing && !statusesAccepting("payment_succeeded").includes(existing.status as OrderStatus)) return null;
  const result = await fulfillCheckoutSession({ session, source: "reconcile" });
  const paymentIntentId = idOf(session.payment_intent);
  // Refunds or disputes that waited for this order: due now, for whichever process sweeps first.
  if (paymentIntentId) await releaseWaitingEvents({ paymentIntentIds: [paymentIntentId] });
  if (result.deliveredNow) return existing ? `paid and delivered: its payment was ${existing.status}, Stripe says paid` : "fulfilled: paid, but no order existed";
  if (!existing && result.orderId) return `recorded as ${result.status}: no product of the catalog in it`;
  return null;
}

/** The charge carries the cumulative refunded amount; only an amount we have not recorded is news. */
async function reconcileRefund(refund: Stripe.Refund): Promise<{ id: string; what: string } | null> {
  if (!refund.charge) return null;
  const charge = typeof refund.charge === "string" ? await retrieveCharge(refund.charge) : refund.charge;
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return null;
  const order = await db.order.findUnique({ where: { stripePaymentIntentId: paymentIntentId }, select: { amountRefunded: true, status: true } });
  if (!order || charge.amount_refunded <= order.amountRefunded || order.status === "refunded") return null;
  const result = await applyChargeRefund({ charge, source: "reconcile" });
  if (result?.outcome !== "applied") return null;
  return { id: charge.id, what: `${isFullyRefunded(charge) ? "refund in full" : "partial refund"} applied (order ${result.orderId} ${result.from} → ${result.to})` };
}

/**
 * Idempotent: every fix runs through the same idempotent code as the webhooks, so running it twice,
 * or while the late webhook arrives, changes nothing more. One item failing is reported and the
 * rest go on; a failure to list (Stripe unreachable) throws.
 */
export async function reconcileWithStripe({ since, pageSize }: ReconcileOptions): Promise<ReconcileReport> {
  const report: ReconcileReport = { since: since.toISOString(), checked: { sessions: 0, refunds: 0 }, fixed: [], failed: [] };
  for await (const session of listCheckoutSessionsSince({ since, pageSize })) {
    report.checked.sessions += 1;
    try {
      const what = await reconcileSession(session);
      if (what) report.fixed.push({ id: session.id, what });
    } catch (error) {
      report.failed.push({ id: session.id, error: (error as Error).message });
    }
  }
  // After the sessions, so a refund of an order reconciliation just created finds it.
  for await (const refund of listRefundsSince({ since, pageSize })) {
    report.checked.refunds += 1;
    try {
      const fixed = await reconcileRefund(refund);
      if (fixed) report.fixed.push(fixed);
    } catch (error) {
      report.failed.push({ id: refund.id, error: (error as Error).message });
    }
  }
  log.info("reconcile_done", { since: report.since, ...report.checked, fixed: report.fixed.length, failed: report.failed.length });
  return report;
}

/** A few lines a person (or a cron mail) can read. */
export function formatReconcileReport(report: ReconcileReport): string {
  const lines = [
    `Reconciled with Stripe since ${report.since}: checked ${report.checked.sessions} Checkout Session${report.checked.sessions === 1 ? "" : "s"} and ${report.checked.refunds} refund${report.checked.refunds === 1 ? "" : "s"}.`,
    `Fixed ${report.fixed.length}.${report.fixed.length ? "" : " Nothing was missing."}`,
    ...report.fixed.map((fix) => `  ${fix.id}: ${fix.what}`),
    `Failed ${report.failed.length}.${report.failed.length ? " Run it again; if it keeps failing, the errors say why:" : ""}`,
    ...report.failed.map((failure) => `  ${failure.id}: ${failure.error}`),
  ];
  return lines.join("\n");
}
