// The JSON bodies of the License API, field for field as Lemon Squeezy's, plus our stable `code`.
import "server-only";
import type { LicenseRecord } from "@/server/licenses/find-license";
import { describeLicenseStanding } from "@/server/licenses/describe-license-standing";
import { httpStatusForLicenseCode, type LicenseCode } from "@/server/licenses/license-codes";
import { publicNumber } from "@/server/licenses/public-number";

export type LicenseAction = "activate" | "validate" | "deactivate";
export type LicenseApiResult = { status: number; body: Record<string, unknown>; retryAfterSeconds?: number };
export type InstanceRow = { id: string; name: string; createdAt: Date };

const flagByAction = { activate: "activated", validate: "valid", deactivate: "deactivated" } as const;

/** Lemon Squeezy's timestamp format: ISO 8601 with microseconds, e.g. 2021-01-24T14:15:07.000000Z. */
export function licenseTimestamp(date: Date | null): string | null {
  return date ? date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z") : null;
}

export function licenseKeyJson(license: LicenseRecord, now = new Date()) {
  return {
    id: publicNumber("license_key", license.id),
    status: describeLicenseStanding(license, now).status,
    key: license.key,
    activation_limit: license.activationLimit,
    activation_usage: license.activationUsage,
    created_at: licenseTimestamp(license.createdAt),
    expires_at: licenseTimestamp(license.expiresAt),
    test_mode: !license.entitlement.order.livemode,
  };
}

/** One store per install (store_id 1); one variant per product ("Default"); an entitlement is an order item. */
export function licenseMetaJson(license: LicenseRecord) {
  const { entitlement } = license;
  const productId = publicNumber("product", entitlement.productSlug);
  return {
    store_id: 1,
    order_id: publicNumber("order", entitlement.orderId),
    order_item_id: publicNumber("order_item", entitlement.id),
    product_id: productId,
    product_name: entitlement.productName,
    variant_id: productId,
    variant_name: "Default",
    customer_id: publicNumber("customer", entitlement.order.customerId),
    customer_name: "",
    customer_email: entitlement.order.email,
  };
}

export function instanceJson(instance: InstanceRow) {
  return { id: instance.id, name: instance.name, created_at: licenseTimestamp(instance.createdAt) };
}

export type LicenseReplyOptions = {
  action: LicenseAction;
  code: LicenseCode;
  error: string | null;
  license?: LicenseRecord | null;
  instance?: InstanceRow | null;
  certificate?: string | null;
  retryAfterSeconds?: number;
  now?: Date;
};

/**
 * Every answer has every field, null when unknown, so clients can read `license_key.status` without
 * guarding; `deactivate` has no `instance`, as at Lemon Squeezy. A success flag is true only for the
 * three success codes.
 */
export function licenseReply({ action, code, error, license = null, instance = null, certificate, retryAfterSeconds, now }: LicenseReplyOptions): LicenseApiResult {
  const ok = code === "ACTIVATED" || code === "VALID" || code === "DEACTIVATED";
  const body: Record<string, unknown> = {
    [flagByAction[action]]: ok,
    error,
    code,
    license_key: license ? licenseKeyJson(license, now) : null,
  };
  if (action !== "deactivate") body.instance = instance ? instanceJson(instance) : null;
  body.meta = license ? licenseMetaJson(license) : null;
  if (action !== "deactivate") body.license_certificate = certificate ?? null;
  return { status: httpStatusForLicenseCode(code), body, retryAfterSeconds };
}
