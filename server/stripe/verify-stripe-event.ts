// Verifies a webhook's signature against every configured secret (rotation) with Stripe's own code.
import "server-only";
import type Stripe from "stripe";
import { stripeWebhooks } from "@/server/stripe/get-stripe";
import { AppError } from "@/server/errors";

export type VerifyStripeEventOptions = { rawBody: string; signature: string | null; secrets: string[] };

const TOLERANCE_SECONDS = 300;

/** Returns the verified event or throws a 400 AppError with a one-line reason; nothing is stored here. */
export async function verifyStripeEvent({ rawBody, signature, secrets }: VerifyStripeEventOptions): Promise<Stripe.Event> {
  if (!signature) throw new AppError("bad_request", "Missing Stripe-Signature header.");
  let lastReason = "No signatures found matching the expected signature for payload.";
  for (const secret of secrets) {
    try {
      const event = await stripeWebhooks.constructEventAsync(rawBody, signature, secret, TOLERANCE_SECONDS);
      if (!event || typeof event.id !== "string" || typeof event.type !== "string" || !event.data?.object) {
        throw new AppError("bad_request", "Body is not a Stripe event (id, type and data.object are required).");
      }
      return event;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof SyntaxError) throw new AppError("bad_request", "Body is not valid JSON.");
      const message = (error as Error).message ?? "";
      if (/timestamp outside the tolerance/i.test(message)) {
        throw new AppError("bad_request", "Stale signature timestamp (older than 5 minutes); Stripe will retry with a fresh one.");
      }
      if (/Unable to extract timestamp and signatures/i.test(message)) {
        throw new AppError("bad_request", "Malformed Stripe-Signature header (expected t=...,v1=...).");
      }
      lastReason = "Signature does not match any configured webhook secret.";
    }
  }
  throw new AppError("bad_request", lastReason);
}
