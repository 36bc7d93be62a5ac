// One order in the library: what was bought, when, for how much, its status, and what each product allows.
import type { LibraryOrder, LibraryProduct } from "@/server/portal/get-library";
import type { PortalNotice } from "@/server/portal/describe-portal-notice";
import { Notice } from "./notice";
import { LicenseActivations } from "./license-activations";

function ProductAccess({ product }: { product: LibraryProduct }) {
  if (product.access.state !== "available") {
    return (
      <p className={`access access-${product.access.state}`} data-testid="access">
        {product.access.message}
      </p>
    );
  }
  return (
    <ul className="files">
      {product.files.map((file) => (
        <li key={file.index}>
          <form method="post" action="/portal/download">
            <input type="hidden" name="entitlement" value={product.entitlementId} />
            <input type="hidden" name="file" value={file.index} />
            <button className="button" type="submit">
              Download {file.name}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

export function LibraryOrderCard({ order, notice }: { order: LibraryOrder; notice: PortalNotice | null }) {
  const headingId = `order-${order.id}-title`;
  return (
    <li>
      <article className="panel order" id={`order-${order.id}`} aria-labelledby={headingId} data-testid="order">
        <header className="order-head">
          <h2 id={headingId}>{order.products.map((product) => product.name).join(", ") || "Purchase"}</h2>
          <span className={`badge badge-${order.status}`}>{order.statusText}</span>
        </header>
        <p className="order-meta">
          <time dateTime={order.isoDate}>{order.dateText}</time> · {order.amountText} · <span className="muted">Order {order.id}</span>
        </p>
        {order.status === "unfulfillable" ? <p className="access">We could not match this payment to a product. Write to us and we will sort it out.</p> : null}
        {order.products.map((product) => (
          <section className="product" key={product.entitlementId} aria-label={product.name}>
            {order.products.length > 1 ? <h3>{product.name}</h3> : null}
            <ProductAccess product={product} />
            <p className="hint">{product.usageText}</p>
            {product.license ? <LicenseActivations license={product.license} /> : null}
          </section>
        ))}
        <Notice notice={notice} />
        {order.canResend ? (
          <form method="post" action="/portal/resend" className="resend">
            <input type="hidden" name="order" value={order.id} />
            <button className="button secondary" type="submit">
              Email me my links again
            </button>
          </form>
        ) : null}
      </article>
    </li>
  );
}
