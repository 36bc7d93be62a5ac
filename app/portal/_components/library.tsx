// The signed-in view: who is signed in, sign out, and every order of that address, newest first.
import type { LibraryOrder } from "@/server/portal/get-library";
import type { PortalNotice } from "@/server/portal/describe-portal-notice";
import { LibraryOrderCard } from "./library-order";
import { Notice } from "./notice";

export type LibraryProps = { email: string; orders: LibraryOrder[]; notice: PortalNotice | null; noticeOrderId?: string; supportEmail: string };

export function Library({ email, orders, notice, noticeOrderId, supportEmail }: LibraryProps) {
  const pageNotice = noticeOrderId && orders.some((order) => order.id === noticeOrderId) ? null : notice;
  return (
    <main className="page">
      <div className="library-head">
        <div>
          <h1>Your library</h1>
          <p className="lead">
            Signed in as <strong>{email}</strong>
          </p>
        </div>
        <form method="post" action="/portal/sign-out">
          <button className="button secondary" type="submit">
            Sign out
          </button>
        </form>
      </div>
      <Notice notice={pageNotice} />
      {orders.length === 0 ? (
        <div className="panel" data-testid="empty-library">
          <h2>No purchases for this address yet</h2>
          <p>
            If you bought with another email address, sign out and sign in with that one. Can&apos;t find an order? Write to{" "}
            <a href={`mailto:${supportEmail}`}>{supportEmail}</a>.
          </p>
        </div>
      ) : (
        <ol className="orders" aria-label="Your orders, newest first">
          {orders.map((order) => (
            <LibraryOrderCard key={order.id} order={order} notice={order.id === noticeOrderId ? notice : null} />
          ))}
        </ol>
      )}
    </main>
  );
}
