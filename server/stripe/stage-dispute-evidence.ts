// Stages evidence on a Stripe dispute without submitting it, so the seller can review and add to it.
import "server-only";
import type Stripe from "stripe";
import { getStripe } from "@/server/stripe/get-stripe";

export type DisputeEvidence = Stripe.DisputeUpdateParams.Evidence;

export type StageDisputeEvidenceOptions = { disputeId: string; evidence: DisputeEvidence; metadata?: Record<string, string> };

/** A Stripe refusal (4xx other than 409/429) will not change on retry; anything else may. */
export function isRetryableStripeError(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  return status === undefined || status >= 500 || status === 409 || status === 429;
}

/**
 * `submit: false` is sent explicitly: Stripe's default is to submit at once, which would close the
 * seller's only chance to respond. Staged evidence shows in the Dashboard, where the seller submits it.
 */
export async function stageDisputeEvidence({ disputeId, evidence, metadata }: StageDisputeEvidenceOptions): Promise<void> {
  await getStripe().disputes.update(disputeId, { evidence, metadata, submit: false });
}
