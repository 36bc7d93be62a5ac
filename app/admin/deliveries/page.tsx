// /admin/deliveries: emails that failed for good or wait for another try, with why, and "retry".
import Link from "next/link";
import { requireAdminPage } from "@/server/admin/require-admin";
import { listDeliveryProblems } from "@/server/admin/list-delivery-problems";
import { getDoneNotice } from "@/server/admin/get-done-notice";
import { AdminShell } from "../_components/admin-shell";
import { ActionForm } from "../_components/action-button";
import { DoneNotice } from "../_components/done-notice";
import { StatusBadge } from "../_components/status-badge";
import { When } from "../_components/when";

export const metadata = { title: "Deliveries" };

const kindLabels: Record<string, string> = { order_delivered: "delivery", magic_link: "sign-in link", digest: "daily digest", seller_alert: "seller alert", payment_failed: "payment failed" };

export default async function AdminDeliveriesPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const actor = await requireAdminPage("/admin/deliveries");
  const [{ problems, failed, retrying }, notice] = await Promise.all([listDeliveryProblems(), getDoneNotice({ auditId: (await searchParams).done, actor })]);
  return (
    <AdminShell current="deliveries" actor={actor}>
      <div className="admin-head">
        <div>
          <h1>Deliveries</h1>
          <p>
            {failed} failed for good · {retrying} retrying on their own. Emails sent in one batch are retried together, under the same idempotency key, so none goes out twice.
          </p>
        </div>
        {problems.length ? <ActionForm action="/api/admin/outbox/retry-all" label="Retry all now" tone="primary" /> : null}
      </div>
      <DoneNotice notice={notice} />
      {problems.length === 0 ? (
        <div className="table-wrap">
          <p className="empty">Every email went out. Nothing failed and nothing waits for a retry.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Tries</th>
                <th scope="col">Last error</th>
                <th scope="col">Queued / next try</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {problems.map((message) => (
                <tr key={message.id}>
                  <td>{message.to}</td>
                  <td>
                    {kindLabels[message.kind] ?? message.kind}
                    {message.orderId ? (
                      <div>
                        <Link className="mono" href={`/admin/orders/${message.orderId}`}>
                          {message.orderId}
                        </Link>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <StatusBadge status={message.status} />
                  </td>
                  <td className="num">{message.attempts}</td>
                  <td className="mono">{message.lastError ?? "–"}</td>
                  <td>
                    <When date={message.createdAt} />
                    {message.status === "retrying" ? (
                      <div className="hint">
                        next <When date={message.nextAttemptAt} />
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <ActionForm action={`/api/admin/outbox/${message.id}/retry`} label="Retry now" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminShell>
  );
}
