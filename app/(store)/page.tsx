// The storefront: every product of the catalog with its price and a way to buy.
import Link from "next/link";
import { getStoreView } from "@/server/catalog/get-store-view";

export default function StorePage() {
  const { storeName, products } = getStoreView();
  return (
    <main className="page">
      <h1>{storeName}</h1>
      <p className="lead">Pay once through Stripe, get your files by email in seconds, download again any time.</p>
      <div className="grid">
        {products.map((product) => (
          <article className="card" key={product.slug}>
            <h2>
              <Link href={`/products/${product.slug}`}>{product.name}</Link>
            </h2>
            <p>{product.description}</p>
            {product.priceText ? <div className="price">{product.priceText}</div> : null}
            <form action="/api/checkout" method="post">
              <input type="hidden" name="product" value={product.slug} />
              <button className="button" type="submit">
                Buy {product.name}
              </button>
            </form>
          </article>
        ))}
      </div>
      {products.length === 0 ? <p>No products yet: add them to catalog.json.</p> : null}
    </main>
  );
}
