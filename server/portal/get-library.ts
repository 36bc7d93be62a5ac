// The signed-in buyer's library: every order of their address, newest first, with what each allows.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { formatMoney } from "@/server/catalog/format-money";
import { parseEntitlementFiles } from "@/server/delivery/build-download-links";
import { describeAccess, describeOrderStatus, describeUsage, type Access } from "@/server/portal/describe-access";
import { listBuyerLicenses, type BuyerLicense } from "@/server/licenses/list-buyer-licenses";

export type LibraryProduct = {
  entitlementId: string;
  name: string;
  files: Array<{ index: number; name: string }>;
  access: Access;
  usageText: string;
  licenseKey: string | null;
  /** The key with its active devices and reset state, for the Deactivate and Reset buttons. */
  license: BuyerLicense | null;
};

export type LibraryOrder = {
  id: string;
  dateText: string;
  isoDate: string;
  amountText: string;
  status: string;
  statusText: string;
  products: LibraryProduct[];
  canResend: boolean;
};

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Only orders whose (lower-cased) email is the signed-in address: the email comes from the
 * session, never from the request. Failed payments are left out; they gave nothing.
 */
export async function getLibrary(email: string): Promise<LibraryOrder[]> {
  const supportEmail = getEnv().SUPPORT_EMAIL;
  const licenses = new Map((await listBuyerLicenses({ email })).map((license) => [license.entitlementId, license]));
  const orders = await db.order.findMany({
    where: { email: email.toLowerCase(), status: { not: "failed" } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { entitlements: { include: { licenseKey: { select: { key: true } } }, orderBy: { createdAt: "asc" } } },
  });
  return orders.map((order) => {
    const products = order.entitlements.map((entitlement) => ({
      entitlementId: entitlement.id,
      name: entitlement.productName,
      files: parseEntitlementFiles(entitlement.files).map((file, index) => ({ index, name: file.name })),
      access: describeAccess({ ...entitlement, orderStatus: order.status, disputeStatus: order.disputeStatus }, supportEmail),
      usageText: describeUsage(entitlement),
      licenseKey: entitlement.licenseKey?.key ?? null,
      license: licenses.get(entitlement.id) ?? null,
    }));
    const refunded = order.amountRefunded > 0 && order.amountRefunded < order.amountTotal ? ` (${formatMoney(order.amountRefunded, order.currency)} refunded)` : "";
    return {
      id: order.id,
      dateText: dateFormat.format(order.createdAt),
      isoDate: order.createdAt.toISOString(),
      amountText: `${formatMoney(order.amountTotal, order.currency)}${refunded}`,
      status: order.status,
      statusText: describeOrderStatus(order.status),
      products,
      canResend: order.status === "paid" && products.some((product) => !["refunded", "suspended", "revoked"].includes(product.access.state)),
    };
  });
}
