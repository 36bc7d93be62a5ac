// An order's history, oldest first: Stripe events, emails, downloads, license activity, admin actions.
import type { TimelineEntry } from "@/server/admin/get-order-timeline";
import { StatusBadge } from "./status-badge";
import { When } from "./when";

const sourceLabels: Record<TimelineEntry["source"], string> = { order: "order", stripe: "stripe", email: "email", download: "download", license: "license", admin: "admin" };
const toneStatus: Record<TimelineEntry["tone"], string> = { ok: "sent", info: "", warn: "pending", bad: "failed" };

export function TimelineList({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol className="timeline">
      {entries.map((entry, index) => (
        <li key={index}>
          <When date={entry.at} />
          <span>
            <StatusBadge status={toneStatus[entry.tone]} label={sourceLabels[entry.source]} />
          </span>
          <div>
            <div className="what">{entry.title}</div>
            {entry.detail ? <div className="detail">{entry.detail}</div> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
