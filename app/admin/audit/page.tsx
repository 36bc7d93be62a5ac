// /admin/audit: every action taken in the dashboard: who, what, on which order, why, when.
import Link from "next/link";
import { requireAdminPage } from "@/server/admin/require-admin";
import { listAuditLog } from "@/server/admin/list-audit-log";
import { AdminShell } from "../_components/admin-shell";
import { When } from "../_components/when";

export const metadata = { title: "Audit log" };

export default async function AdminAuditPage() {
  const actor = await requireAdminPage("/admin/audit");
  const entries = await listAuditLog();
  return (
    <AdminShell current="audit" actor={actor}>
      <div className="admin-head">
        <div>
          <h1>Audit log</h1>
          <p>The latest {entries.length} actions taken here, newest first. Entries are never edited or deleted from the dashboard.</p>
        </div>
      </div>
      <div className="table-wrap">
        {entries.length === 0 ? (
          <p className="empty">No action has been taken yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <When date={entry.at} />
                  </td>
                  <td>{entry.actor}</td>
                  <td>{entry.description}</td>
                  <td>
                    {entry.orderId ? (
                      <Link className="mono" href={`/admin/orders/${entry.orderId}`}>
                        {entry.orderId}
                      </Link>
                    ) : (
                      "–"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </AdminShell>
  );
}
