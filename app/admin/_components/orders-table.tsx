// Orders as rows: who, what, how much, where it stands; each row opens the order.
import Link from "next/link";
import { formatMoney } from "@/server/catalog/format-money";
import type { OrderRow } from "@/server/admin/search-orders";
import { StatusBadge } from "./status-badge";
import { When } from "./when";

export function OrdersTable({ orders, emptyText }: { orders: OrderRow[]; emptyText: string }) {
  if (orders.length === 0) return <div className="table-wrap"><p className="empty">{emptyText}</p></div>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Buyer</th>
            <th scope="col">Products</th>
            <th scope="col" className="num">Amount</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id}>
              <td>
                <Link className="mono" href={`/admin/orders/${order.id}`}>
                  {order.id}
                </Link>
              </td>
              <td>{order.email}</td>
              <td>{order.products.join(", ") || "–"}</td>
              <td className="num">
                {formatMoney(order.amountTotal, order.currency)}
                {order.amountRefunded ? <div className="hint">−{formatMoney(order.amountRefunded, order.currency)} refunded</div> : null}
              </td>
              <td>
                <StatusBadge status={order.status} />
              </td>
              <td>
                <When date={order.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
