// On a new dispute: stage the evidence on Stripe (unless turned off) and tell the seller either way.
import "server-only";
import type Stripe from "stripe";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { log } from "@/server/log";
import { formatMoney } from "@/server/catalog/format-money";
import { isClosedDisputeStatus } from "@/server/fulfillment/order-status";
import { enqueueSellerAlert } from "@/server/alerts/enqueue-seller-alert";
import { buildDisputeEvidence } from "@/server/disputes/build-dispute-evidence";
import { loadDisputeFacts } from "@/server/disputes/load-dispute-facts";
import { isRetryableStripeError, stageDisputeEvidence } from "@/server/stripe/stage-dispute-evidence";

export type RespondToDisputeOptions = { orderId: string; dispute: Stripe.Dispute; /** this event's processing attempt, from 1 */ attempt: number };

/** Stripe outages are retried with the event's backoff (1 s, doubling: about 8 minutes in all) before the seller is told without evidence. */
const MAX_EVIDENCE_ATTEMPTS = 10;

function dashboardUrl(dispute: Stripe.Dispute): string {
  return `https://dashboard.stripe.com/${dispute.livemode ? "" : "test/"}disputes/${dispute.id}`;
}

function formatDay(unixSeconds: number): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(unixSeconds * 1000));
}

/** Stages evidence once per dispute (Order.evidenceSubmittedAt); returns the sentence that tells the seller what happened. */
async function stageEvidenceOnce(orderId: string, dispute: Stripe.Dispute, attempt: number): Promise<string> {
  const env = getEnv();
  if (env.DISPUTE_EVIDENCE === "off") return "Drafting evidence is turned off (DISPUTE_EVIDENCE=off), so nothing was sent to Stripe: respond in the Stripe Dashboard.";
  if (env.isDemo) return "This store runs in demo mode, so there is no Stripe dispute to stage evidence on.";
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { evidenceSubmittedAt: true, stripeDisputeId: true } });
  const staged = "Handoff drafted evidence from the order (receipt, product description, the buyer's email, and every download and license activation with time and IP) and staged it on the dispute without submitting it. Review it in Stripe, add anything you have, and submit it before the deadline.";
  if (order.evidenceSubmittedAt && order.stripeDisputeId === dispute.id) return staged;
  const evidence = buildDisputeEvidence(await loadDisputeFacts(orderId));
  try {
    await stageDisputeEvidence({ disputeId: dispute.id, evidence, metadata: { handoff_order_id: orderId } });
  } catch (error) {
    if (isRetryableStripeError(error) && attempt < MAX_EVIDENCE_ATTEMPTS) throw error; // the event is retried with backoff
    log.error("dispute_evidence_failed", { orderId, disputeId: dispute.id, attempt, error });
    return `Handoff could not stage evidence on the dispute (Stripe answered: ${(error as Error).message}). Respond in the Stripe Dashboard; the order's downloads and activations are in the admin view.`;
  }
  await db.order.updateMany({ where: { id: orderId, stripeDisputeId: dispute.id }, data: { evidenceSubmittedAt: new Date() } });
  log.info("dispute_evidence_staged", { orderId, disputeId: dispute.id });
  return staged;
}

/**
 * Idempotent: evidence is staged once per dispute and the seller alert is keyed by the dispute id,
 * so a retried or repeated event stages the same text again at most and sends no second alert.
 * Evidence goes only where the dispute suspended access; a dispute on an order already refunded
 * (or never fulfilled) is only reported.
 */
export async function respondToDispute({ orderId, dispute, attempt }: RespondToDisputeOptions): Promise<void> {
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
  // Its closing arrived first (events come in any order): the dispute is settled, nothing to respond to.
  if (order.stripeDisputeId === dispute.id && isClosedDisputeStatus(order.disputeStatus)) return;
  const isSuspended = order.status === "disputed" && order.stripeDisputeId === dispute.id;
  const access = isSuspended
    ? "Handoff suspended the buyer's downloads and license keys until the dispute is settled; they come back if you win, and stay off if you lose."
    : `The order is ${order.status}, so Handoff did not change the buyer's access.`;
  const evidence = isSuspended ? await stageEvidenceOnce(orderId, dispute, attempt) : "No evidence was drafted for it: respond in the Stripe Dashboard if you want to contest it.";
  const dueBy = dispute.evidence_details?.due_by ?? null;
  await enqueueSellerAlert({
    dedupeKey: `dispute_opened:${dispute.id}`,
    orderId,
    alert: {
      title: `A payment dispute was opened${dueBy ? `: respond by ${formatDay(dueBy)}` : ""}`,
      lines: [`The buyer's bank disputed a payment of ${formatMoney(dispute.amount, dispute.currency)} for order ${order.id}. ${access}`, evidence],
      facts: [
        ["Order", order.id],
        ["Buyer", order.email],
        ["Amount", formatMoney(dispute.amount, dispute.currency)],
        ["Reason", dispute.reason ?? "not given"],
        ["Dispute", dispute.id],
        ...(dueBy ? ([["Respond by", formatDay(dueBy)]] as Array<[string, string]>) : []),
      ],
      action: { label: "Open the dispute in Stripe", url: dashboardUrl(dispute) },
    },
  });
}
