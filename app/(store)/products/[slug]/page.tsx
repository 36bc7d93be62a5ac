// One product: what it is, what the buyer gets, and the Buy button.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getProductCard } from "@/server/catalog/get-store-view";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = getProductCard((await params).slug);
  return { title: product?.name ?? "Not found" };
}

export default async function ProductPage({ params }: Props) {
  const product = getProductCard((await params).slug);
  if (!product) notFound();
  return (
    <main className="page">
      <article className="panel">
        <h1>{product.name}</h1>
        {product.priceText ? <p className="price">{product.priceText}</p> : null}
        <p>{product.description}</p>
        <h2>What you get</h2>
        <ul className="meta">
          {product.fileNames.map((name) => (
            <li key={name}>📄 {name}</li>
          ))}
          <li>Download links by email within seconds, valid {product.linkTtlHours} hours; fresh ones any time from your library.</li>
          <li>{product.downloadLimit ? `Up to ${product.downloadLimit} downloads.` : "Unlimited downloads."}</li>
          {product.hasLicenseKeys ? <li>A license key, shown at once and in your email.</li> : null}
        </ul>
        <form action="/api/checkout" method="post" style={{ marginTop: 24 }}>
          <input type="hidden" name="product" value={product.slug} />
          <button className="button" type="submit">
            Buy now{product.priceText ? ` for ${product.priceText}` : ""}
          </button>
        </form>
      </article>
    </main>
  );
}
