// /admin: the seller's one look: sales, deliveries, how fast email follows payment, webhook intake.
import Link from "next/link";
import { requireAdminPage } from "@/server/admin/require-admin";
import { getOverview } from "@/server/admin/get-overview";
import { getHealth } from "@/server/admin/get-health";
import { searchOrders } from "@/server/admin/search-orders";
import { formatDuration } from "@/server/admin/summarize-latencies";
import { formatMoney } from "@/server/catalog/format-money";
import { AdminShell } from "./_components/admin-shell";
import { BarChartSvg } from "./_components/bar-chart";
import { OrdersTable } from "./_components/orders-table";
import { When } from "./_components/when";

export const metadata = { title: "Overview" };

const count = (value: number) => value.toLocaleString("en");

export default async function AdminOverviewPage() {
  const actor = await requireAdminPage("/admin");
  const [overview, health, latest] = await Promise.all([getOverview(), getHealth(), searchOrders({ q: "", status: "", page: 1 })]);
  const { deliveries, latency, webhooks } = overview;
  return (
    <AdminShell current="overview" actor={actor}>
      <div className="admin-head">
        <div>
          <h1>Overview</h1>
          <p>
            As of <When date={overview.generatedAt} />. Days run midnight to midnight UTC.
          </p>
        </div>
        <a className="button secondary small" href="/api/admin/orders/export" download>
          Export orders (CSV)
        </a>
      </div>
      {health.ok ? null : (
        <div className="admin-notice bad" role="alert">
          <strong>Needs attention.</strong> {health.problems.join(" ")}
        </div>
      )}

      <section className="admin-section" aria-labelledby="sales">
        <h2 id="sales">Sales</h2>
        <div className="stats">
          {overview.periods.map((period) => (
            <div className="stat" key={period.key}>
              <h3>{period.label}</h3>
              <div className="figure">{count(period.orders)} orders</div>
              <p className="sub">{period.revenue.length ? period.revenue.map((money) => formatMoney(money.amount, money.currency)).join(" + ") : formatMoney(0, "usd")} revenue</p>
            </div>
          ))}
        </div>
      </section>

      <section className="admin-section" aria-labelledby="flow">
        <h2 id="flow">Deliveries and webhooks</h2>
        <div className="stats">
          <div className="stat">
            <h3>Delivery emails</h3>
            <dl>
              <dt>Sent, last 30 days</dt>
              <dd>{count(deliveries.sent30d)}</dd>
              <dt>Waiting to send</dt>
              <dd className={deliveries.waiting ? "warn" : undefined}>{count(deliveries.waiting)}</dd>
              <dt>Retrying after an error</dt>
              <dd className={deliveries.retrying ? "warn" : undefined}>{count(deliveries.retrying)}</dd>
              <dt>
                <Link href="/admin/deliveries">Failed for good</Link>
              </dt>
              <dd className={deliveries.failed ? "bad" : undefined}>{count(deliveries.failed)}</dd>
            </dl>
          </div>
          <div className="stat">
            <h3>Stripe webhooks</h3>
            <dl>
              <dt>Events received, 30 days</dt>
              <dd>{count(webhooks.received30d)}</dd>
              <dt>Duplicates absorbed</dt>
              <dd>{count(webhooks.duplicates30d)}</dd>
              <dt>Signature failures, all time</dt>
              <dd className={webhooks.signatureFailures ? "warn" : undefined}>{count(webhooks.signatureFailures)}</dd>
              <dt>Not processed yet</dt>
              <dd className={webhooks.notProcessed ? "warn" : undefined}>{count(webhooks.notProcessed)}</dd>
            </dl>
          </div>
          <div className="stat">
            <h3>Health</h3>
            <dl>
              <dt>Status</dt>
              <dd className={health.ok ? undefined : "bad"}>{health.ok ? "OK" : "Problem"}</dd>
              <dt>Oldest unsent email</dt>
              <dd>{health.outbox?.oldestPendingAgeSeconds == null ? "none" : formatDuration(health.outbox.oldestPendingAgeSeconds * 1000)}</dd>
              <dt>Last webhook</dt>
              <dd>{health.lastWebhookAt ? <When date={health.lastWebhookAt} /> : "never"}</dd>
            </dl>
          </div>
        </div>
        <div className="charts">
          <div className="chart-card">
            <h3>Payment to email</h3>
            <p className="sub">
              Time from the payment reaching us to the delivery email leaving, over {latency.isSample ? `the latest ${count(latency.count)}` : count(latency.count)} first deliveries of the last 30 days.
            </p>
            <div className="chart-figures">
              <div>
                <span>p50</span>
                <strong>{formatDuration(latency.p50Ms)}</strong>
              </div>
              <div>
                <span>p95</span>
                <strong>{formatDuration(latency.p95Ms)}</strong>
              </div>
              <div>
                <span>max</span>
                <strong>{formatDuration(latency.maxMs)}</strong>
              </div>
            </div>
            <BarChartSvg chart={latency.chart} label="Delivery emails by payment-to-email time" showValues />
          </div>
          <div className="chart-card">
            <h3>Orders per day</h3>
            <p className="sub">Paid orders, last 30 days.</p>
            <BarChartSvg chart={overview.ordersChart} label="Paid orders per day over the last 30 days" />
          </div>
        </div>
      </section>

      <section className="admin-section" aria-labelledby="latest">
        <h2 id="latest">Latest orders</h2>
        <OrdersTable orders={latest.orders.slice(0, 8)} emptyText="No orders yet. They appear here the moment Stripe tells us about a payment." />
        {latest.total > 8 ? (
          <p className="pager">
            <Link href="/admin/orders">All {count(latest.total)} orders</Link>
          </p>
        ) : null}
      </section>
    </AdminShell>
  );
}
