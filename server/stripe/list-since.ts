// Pages through Stripe's lists of Checkout Sessions and refunds created since a moment, newest first.
import "server-only";
import type Stripe from "stripe";
import { getStripe } from "@/server/stripe/get-stripe";

export type ListSinceOptions = { since: Date; pageSize?: number };

function createdGte(since: Date) {
  return { gte: Math.floor(since.getTime() / 1000) };
}

/** Every Checkout Session created at or after `since`; stripe-node follows `has_more`/`starting_after`. */
export function listCheckoutSessionsSince({ since, pageSize = 100 }: ListSinceOptions): AsyncIterable<Stripe.Checkout.Session> {
  return getStripe().checkout.sessions.list({ created: createdGte(since), limit: pageSize });
}

/** Every refund created at or after `since`, each with its charge expanded (its cumulative refunded amount). */
export function listRefundsSince({ since, pageSize = 100 }: ListSinceOptions): AsyncIterable<Stripe.Refund> {
  return getStripe().refunds.list({ created: createdGte(since), limit: pageSize, expand: ["data.charge"] });
}

export async function retrieveCharge(chargeId: string): Promise<Stripe.Charge> {
  return getStripe().charges.retrieve(chargeId);
}
