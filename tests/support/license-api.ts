// Calls the License API as clients do (form, JSON or JSON:API bodies; either path prefix) and
// checks answers against Lemon Squeezy's documented shape, field by field.
import crypto from "node:crypto";
import { expect } from "vitest";

export type LicenseAction = "activate" | "validate" | "deactivate";
export type BodyType = "form" | "json" | "jsonapi";
export type LicenseCall = { status: number; body: Record<string, any>; headers: Headers };

let ipCounter = 0;
/** A fresh client address per caller (X-Forwarded-For), so per-IP limits of one test never touch another. */
export function nextIp(): string {
  ipCounter += 1;
  return `198.51.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

export async function callLicenseApi(
  appUrl: string,
  action: LicenseAction,
  fields: Record<string, string | undefined>,
  options: { type?: BodyType; prefix?: "/api" | "/api/v1"; ip?: string } = {},
): Promise<LicenseCall> {
  const { type = "form", prefix = "/api", ip = nextIp() } = options;
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Record<string, string>;
  const contentType = { form: "application/x-www-form-urlencoded", json: "application/json", jsonapi: "application/vnd.api+json" }[type];
  const response = await fetch(`${appUrl}${prefix}/licenses/${action}`, {
    method: "POST",
    headers: { "content-type": contentType, accept: "application/json", "x-forwarded-for": ip },
    body: type === "form" ? new URLSearchParams(present).toString() : JSON.stringify(present),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any>, headers: response.headers };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const topLevelKeys: Record<LicenseAction, string[]> = {
  activate: ["activated", "error", "code", "license_key", "instance", "meta", "license_certificate"],
  validate: ["valid", "error", "code", "license_key", "instance", "meta", "license_certificate"],
  deactivate: ["deactivated", "error", "code", "license_key", "meta"],
};

export function expectLicenseKeyShape(licenseKey: Record<string, any>, expected: { key: string; limit: number | null; usage: number; status: string }) {
  expect(Object.keys(licenseKey).sort()).toEqual(["activation_limit", "activation_usage", "created_at", "expires_at", "id", "key", "status", "test_mode"]);
  expect(Number.isSafeInteger(licenseKey.id) && licenseKey.id > 0).toBe(true);
  expect(licenseKey.key).toBe(expected.key);
  expect(licenseKey.status).toBe(expected.status);
  expect(licenseKey.activation_limit).toBe(expected.limit);
  expect(licenseKey.activation_usage).toBe(expected.usage);
  expect(licenseKey.created_at).toMatch(TIMESTAMP);
  expect(licenseKey.expires_at === null || TIMESTAMP.test(licenseKey.expires_at)).toBe(true);
  expect(typeof licenseKey.test_mode).toBe("boolean");
}

export function expectMetaShape(meta: Record<string, any>, expected: { productName: string; email: string }) {
  expect(Object.keys(meta).sort()).toEqual(
    ["customer_email", "customer_id", "customer_name", "order_id", "order_item_id", "product_id", "product_name", "store_id", "variant_id", "variant_name"].sort(),
  );
  for (const field of ["store_id", "order_id", "order_item_id", "product_id", "variant_id", "customer_id"]) expect(Number.isSafeInteger(meta[field])).toBe(true);
  expect(meta.product_name).toBe(expected.productName);
  expect(meta.customer_email).toBe(expected.email);
  expect(typeof meta.variant_name).toBe("string");
  expect(typeof meta.customer_name).toBe("string");
}

export function expectInstanceShape(instance: Record<string, any>, name: string) {
  expect(Object.keys(instance).sort()).toEqual(["created_at", "id", "name"]);
  expect(instance.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(instance.name).toBe(name);
  expect(instance.created_at).toMatch(TIMESTAMP);
}

export function newSigningKey() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ed25519");
  return {
    privateBase64: privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}
