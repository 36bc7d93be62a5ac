// /admin/orders/[id]: one order, what it gave the buyer, everything that happened to it, and the levers.
import crypto from "node:crypto";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/server/admin/require-admin";
import { getOrderTimeline } from "@/server/admin/get-order-timeline";
import { getDoneNotice } from "@/server/admin/get-done-notice";
import { isAppError } from "@/server/errors";
import { formatMoney } from "@/server/catalog/format-money";
import { AdminShell } from "../../_components/admin-shell";
import { ActionForm, ReasonField } from "../../_components/action-button";
import { DoneNotice } from "../../_components/done-notice";
import { EntitlementPanel } from "../../_components/entitlement-panel";
import { StatusBadge } from "../../_components/status-badge";
import { TimelineList } from "../../_components/timeline-list";
import { When } from "../../_components/when";

export const metadata = { title: "Order" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> };

async function loadOrder(id: string) {
  try {
    return await getOrderTimeline(id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function AdminOrderPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requireAdminPage(`/admin/orders/${encodeURIComponent(id)}`);
  const [{ order, entitlements, timeline, downloadsOmitted }, notice] = await Promise.all([loadOrder(id), getDoneNotice({ auditId: (await searchParams).done, actor })]);
  const isPaid = order.status === "paid";
  return (
    <AdminShell current="orders" actor={actor}>
      <div className="admin-head">
        <div>
          <p>
            <Link href={`/admin/orders?q=${encodeURIComponent(order.email)}`}>All orders of {order.email}</Link>
          </p>
          <h1>
            Order <span className="mono">{order.id}</span>
          </h1>
        </div>
        <StatusBadge status={order.status} />
      </div>
      <DoneNotice notice={notice} />
      <div className="order-grid">
        <section className="panel" aria-labelledby="details">
          <h2 id="details">Details</h2>
          <dl className="facts">
            <dt>Buyer</dt>
            <dd>{order.email}</dd>
            <dt>Amount</dt>
            <dd>
              {formatMoney(order.amountTotal, order.currency)}
              {order.amountRefunded ? ` (${formatMoney(order.amountRefunded, order.currency)} refunded)` : ""}
              {order.livemode ? "" : " · test mode"}
            </dd>
            <dt>Status</dt>
            <dd>
              {order.status.replace(/_/g, " ")}
              {order.statusReason ? `: ${order.statusReason}` : ""}
              {order.disputeStatus ? ` · dispute ${order.disputeStatus}` : ""}
            </dd>
            <dt>Created</dt>
            <dd>
              <When date={order.createdAt} />
            </dd>
            <dt>Paid</dt>
            <dd>
              <When date={order.paidAt} empty="not paid" />
            </dd>
            <dt>Checkout Session</dt>
            <dd className="mono">{order.stripeCheckoutSessionId}</dd>
            <dt>Payment intent</dt>
            <dd className="mono">{order.stripePaymentIntentId ?? "–"}</dd>
            {order.stripeChargeId ? (
              <>
                <dt>Charge</dt>
                <dd className="mono">{order.stripeChargeId}</dd>
              </>
            ) : null}
            {order.stripeDisputeId ? (
              <>
                <dt>Dispute</dt>
                <dd className="mono">{order.stripeDisputeId}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="panel" aria-labelledby="delivery">
          <h2 id="delivery">Delivery</h2>
          {isPaid ? (
            <div className="actions">
              <ActionForm action={`/api/admin/orders/${order.id}/resend-email`} label="Resend delivery email" tone="primary" hint={`A new email to ${order.email} with fresh links.`}>
                <input type="hidden" name="requestId" value={crypto.randomUUID()} />
                <ReasonField id="resend-reason" />
              </ActionForm>
              <ActionForm action={`/api/admin/orders/${order.id}/fresh-links`} label="Issue fresh links" hint="Links to copy into your own reply; nothing is emailed.">
                <ReasonField id="links-reason" />
              </ActionForm>
            </div>
          ) : (
            <p className="hint">This order is {order.status.replace(/_/g, " ")}, so no links can be sent: they would not open.</p>
          )}
        </section>
      </div>
      {entitlements.length ? (
        <section className="panel" aria-labelledby="products">
          <h2 id="products">Products</h2>
          {entitlements.map((entitlement) => (
            <EntitlementPanel key={entitlement.id} entitlement={entitlement} />
          ))}
        </section>
      ) : null}
      <section className="panel" aria-labelledby="history">
        <h2 id="history">History</h2>
        <TimelineList entries={timeline} />
        {downloadsOmitted ? <p className="hint">{downloadsOmitted} older download requests are not shown.</p> : null}
      </section>
    </AdminShell>
  );
}
