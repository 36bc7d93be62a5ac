// The Stripe client, built on first use so `next build` needs no secrets; STRIPE_API_BASE points it elsewhere.
import "server-only";
import Stripe from "stripe";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";

export type { Stripe };

let client: Stripe | undefined;

export function getStripe(): Stripe {
  if (client) return client;
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY) {
    throw new AppError("config", "Stripe is not configured: set STRIPE_SECRET_KEY.");
  }
  const options: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 20_000, appInfo: { name: "Handoff" } };
  if (env.STRIPE_API_BASE) {
    const base = new URL(env.STRIPE_API_BASE);
    options.host = base.hostname;
    options.port = base.port || (base.protocol === "https:" ? 443 : 80);
    options.protocol = base.protocol === "https:" ? "https" : "http";
    // A local double answers at once or not at all: retries would only hide its failures.
    options.maxNetworkRetries = 0;
  }
  client = new Stripe(env.STRIPE_SECRET_KEY, options);
  return client;
}

/** The webhook helpers need no API key; they are static on the library. */
export const stripeWebhooks = Stripe.webhooks;
