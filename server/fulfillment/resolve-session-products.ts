// Which catalog products a Checkout Session bought: metadata.product first, else its line items by price id.
import "server-only";
import type Stripe from "stripe";
import { findProduct, findProductByPriceId } from "@/server/catalog/get-catalog";
import type { Product } from "@/server/catalog/schemas";
import { getStripe } from "@/server/stripe/get-stripe";

export type ResolvedProducts = { products: Product[]; unknown: string[] };

/** Reads metadata.product (one slug or several, comma-separated); falls back to Stripe's line items. */
export async function resolveSessionProducts(session: Stripe.Checkout.Session): Promise<ResolvedProducts> {
  const fromMetadata = session.metadata?.product;
  if (fromMetadata) {
    const slugs = [...new Set(fromMetadata.split(",").map((slug) => slug.trim()).filter(Boolean))];
    const products = slugs.map((slug) => findProduct(slug)).filter((product): product is Product => Boolean(product));
    return { products, unknown: slugs.filter((slug) => !findProduct(slug)) };
  }
  const products = new Map<string, Product>();
  const unknown: string[] = [];
  for await (const item of getStripe().checkout.sessions.listLineItems(session.id, { limit: 100 })) {
    const priceId = item.price?.id;
    const product = priceId ? findProductByPriceId(priceId) : undefined;
    if (product) products.set(product.slug, product);
    else unknown.push(priceId ?? item.id);
  }
  return { products: [...products.values()], unknown };
}
