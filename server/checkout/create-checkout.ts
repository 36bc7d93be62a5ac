// Starts a purchase: a Stripe Checkout Session (or the labelled demo checkout) for one catalog product.
import "server-only";
import crypto from "node:crypto";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { findProduct } from "@/server/catalog/get-catalog";
import { getStripe } from "@/server/stripe/get-stripe";

export type CreateCheckoutOptions = { slug: string; email?: string };

/** Returns the URL to send the buyer to: Stripe's hosted page, or the demo page without keys. */
export async function createCheckout({ slug, email }: CreateCheckoutOptions): Promise<{ url: string; sessionId: string }> {
  const product = findProduct(slug);
  if (!product) throw new AppError("not_found", `There is no product "${slug}" in this store. Pick one from the storefront.`);
  const env = getEnv();
  if (env.isDemo) {
    const sessionId = `cs_demo_${crypto.randomBytes(16).toString("hex")}`;
    const query = new URLSearchParams({ session: sessionId, product: slug });
    return { url: `${env.APP_URL}/demo/checkout?${query}`, sessionId };
  }
  const lineItem = product.stripePriceId
    ? { price: product.stripePriceId, quantity: 1 }
    : {
        quantity: 1,
        price_data: { currency: product.price!.currency, unit_amount: product.price!.amount, product_data: { name: product.name, metadata: { slug } } },
      };
  const session = await getStripe().checkout.sessions.create({
    mode: "payment",
    line_items: [lineItem],
    metadata: { product: slug },
    payment_intent_data: { metadata: { product: slug } },
    customer_email: email,
    customer_creation: "if_required",
    success_url: `${env.APP_URL}/thanks?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${env.APP_URL}/products/${slug}`,
  });
  if (!session.url) throw new AppError("unavailable", "Stripe did not return a checkout page. Please try again.");
  return { url: session.url, sessionId: session.id };
}
