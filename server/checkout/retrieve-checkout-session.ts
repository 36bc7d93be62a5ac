// The Checkout Session as Stripe knows it (or, in demo mode, as the demo event carried it).
import "server-only";
import type Stripe from "stripe";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { getStripe } from "@/server/stripe/get-stripe";

/** Null when no such session exists; Stripe's other errors propagate. */
export async function retrieveCheckoutSession(sessionId: string): Promise<Stripe.Checkout.Session | null> {
  if (getEnv().isDemo) {
    const stored = await db.stripeEvent.findFirst({ where: { objectId: sessionId, type: { startsWith: "checkout.session." } }, orderBy: { receivedAt: "desc" } });
    return stored ? ((JSON.parse(stored.payload) as Stripe.Event).data.object as Stripe.Checkout.Session) : null;
  }
  try {
    return await getStripe().checkout.sessions.retrieve(sessionId);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}
