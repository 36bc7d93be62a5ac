// /admin/orders: find an order by the buyer's email, the order id, the Stripe session or payment intent.
import Link from "next/link";
import { requireAdminPage } from "@/server/admin/require-admin";
import { searchOrders } from "@/server/admin/search-orders";
import { searchOrdersSchema } from "@/server/admin/schemas";
import { orderStatuses } from "@/server/fulfillment/order-status";
import { AdminShell } from "../_components/admin-shell";
import { OrdersTable } from "../_components/orders-table";

export const metadata = { title: "Orders" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function pageLink(params: { q: string; status: string }, page: number): string {
  const query = new URLSearchParams({ ...(params.q ? { q: params.q } : {}), ...(params.status ? { status: params.status } : {}), page: String(page) });
  return `/admin/orders?${query}`;
}

export default async function AdminOrdersPage({ searchParams }: Props) {
  const actor = await requireAdminPage("/admin/orders");
  const raw = await searchParams;
  const parsed = searchOrdersSchema.safeParse({ q: raw.q, status: raw.status, page: raw.page });
  const input = parsed.success ? parsed.data : { q: "", status: "", page: 1 };
  const result = await searchOrders(input);
  const exportQuery = new URLSearchParams({ ...(input.q ? { q: input.q } : {}), ...(input.status ? { status: input.status } : {}) }).toString();
  return (
    <AdminShell current="orders" actor={actor}>
      <div className="admin-head">
        <div>
          <h1>Orders</h1>
          <p>{input.q || input.status ? `${result.total.toLocaleString("en")} matching` : `${result.total.toLocaleString("en")} in all`}, newest first.</p>
        </div>
        <a className="button secondary small" href={`/api/admin/orders/export${exportQuery ? `?${exportQuery}` : ""}`} download>
          Export {input.q || input.status ? "these" : "all"} as CSV
        </a>
      </div>
      <form className="search-form" method="get" action="/admin/orders" role="search">
        <div className="field">
          <label htmlFor="q">Email, order id, Stripe session or payment intent</label>
          <input id="q" name="q" type="text" defaultValue={input.q} placeholder="reader@example.com, cs_…, pi_…" autoComplete="off" />
        </div>
        <div>
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={input.status}>
            <option value="">Any</option>
            {orderStatuses.map((status) => (
              <option key={status} value={status}>
                {status.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </div>
        <button className="button" type="submit">
          Search
        </button>
      </form>
      <OrdersTable orders={result.orders} emptyText={input.q ? `No order matches "${input.q}". Try part of the email address, or the id from Stripe's dashboard.` : "No orders yet."} />
      {result.pageCount > 1 ? (
        <nav className="pager" aria-label="Pages">
          {result.page > 1 ? <Link href={pageLink(input, result.page - 1)}>Newer</Link> : null}
          <span>
            Page {result.page} of {result.pageCount}
          </span>
          {result.page < result.pageCount ? <Link href={pageLink(input, result.page + 1)}>Older</Link> : null}
        </nav>
      ) : null}
    </AdminShell>
  );
}
