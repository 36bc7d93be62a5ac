// After Stripe Checkout: the links at once when the payment is complete, else what happens next.
import type { Metadata } from "next";
import Link from "next/link";
import { getThanksView } from "@/server/checkout/get-thanks-view";

export const metadata: Metadata = { title: "Thank you", robots: { index: false } };

type Props = { searchParams: Promise<{ session_id?: string }> };

export default async function ThanksPage({ searchParams }: Props) {
  const view = await getThanksView((await searchParams).session_id);
  if (view.state === "invalid" || view.state === "unknown") {
    return (
      <main className="page">
        <div className="panel">
          <h1>We couldn&apos;t find that checkout</h1>
          <p>If you paid, your files are on their way to your email. You can also get them from <Link href="/portal">your library</Link>.</p>
        </div>
      </main>
    );
  }
  if (view.state === "pending") {
    return (
      <main className="page">
        <meta httpEquiv="refresh" content="5" />
        <div className="panel">
          <h1>Your payment is being confirmed</h1>
          <p>
            Some payment methods take a little while. As soon as it clears we email your files
            {view.email ? ` to ${view.email}` : ""}. You can close this page.
          </p>
        </div>
      </main>
    );
  }
  if (view.state === "failed") {
    return (
      <main className="page">
        <div className="panel">
          <h1>The payment did not go through</h1>
          <p>Nothing was charged. <Link href="/">Back to the store</Link> to try again with another payment method.</p>
        </div>
      </main>
    );
  }
  // A refunded or disputed order says so at the top, not "your files are ready".
  const lost = view.products.length > 0 && view.products.every((product) => product.revoked) ? view.products[0]!.revoked : null;
  return (
    <main className="page">
      <h1>{lost ? lost.title : "Thank you! Your files are ready."}</h1>
      {lost ? null : (
        <p className="lead">
          We also emailed these links to <strong>{view.email}</strong>. They work until {view.expiresAtText}; after that, get fresh ones
          from <Link href="/portal">your library</Link>.
        </p>
      )}
      {view.products.map((product) => (
        <section className="panel" key={product.name} aria-label={product.name}>
          <h2>{product.name}</h2>
          {product.revoked ? (
            <p className="error" data-testid="access-lost">
              <strong>{product.revoked.title}.</strong> {product.revoked.message}
            </p>
          ) : (
            <ul className="files">
              {product.links.map((link) => (
                <li key={link.url}>
                  <a className="button" href={link.url} download>
                    Download {link.name}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {product.downloadsLeft ? <p className="hint">{product.downloadsLeft}</p> : null}
          {product.licenseKey ? (
            <p>
              License key: <span className="key" data-testid="license-key">{product.licenseKey}</span>
            </p>
          ) : null}
        </section>
      ))}
      <p className="hint">Order {view.orderId}</p>
    </main>
  );
}
