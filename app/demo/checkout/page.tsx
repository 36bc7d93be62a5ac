// Demo mode's checkout page, standing in for Stripe's hosted page when no Stripe key is set.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getEnv } from "@/server/env";
import { getProductCard } from "@/server/catalog/get-store-view";

export const metadata: Metadata = { title: "Demo checkout", robots: { index: false } };

type Props = { searchParams: Promise<{ session?: string; product?: string; error?: string }> };

export default async function DemoCheckoutPage({ searchParams }: Props) {
  const { session, product: slug, error } = await searchParams;
  if (!getEnv().isDemo || !session || !slug) notFound();
  const product = getProductCard(slug);
  if (!product) notFound();
  return (
    <main className="page">
      <div className="panel" style={{ maxWidth: 520 }}>
        <p className="notice">This is the demo checkout. With a Stripe key set, buyers pay on Stripe&apos;s own page instead.</p>
        <h1>Pay for {product.name}</h1>
        {product.priceText ? <p className="price">{product.priceText}</p> : null}
        <form action="/api/demo/pay" method="post" noValidate={false}>
          <input type="hidden" name="session" value={session} />
          <input type="hidden" name="product" value={product.slug} />
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="email" required aria-describedby="email-hint" aria-invalid={error ? true : undefined} />
            <p className="hint" id="email-hint">Your files are sent here.</p>
            {error ? (
              <p className="error" role="alert">
                {error}
              </p>
            ) : null}
          </div>
          <button className="button" type="submit" name="outcome" value="paid">
            Pay (demo)
          </button>
        </form>
      </div>
    </main>
  );
}
