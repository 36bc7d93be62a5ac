// License functions called in-process on a real SQLite database, migrated as `npm start` does: the
// library's (list, deactivate, reset with cool-down), which the portal's pages call, and the
// certificate lifetime (LICENSE_CERTIFICATE_TTL_DAYS), which needs a clock the test controls.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, tmpRoot } from "../support/test-app";
import { generateLicenseKey } from "@/server/licenses/generate-license-key";
import { verifyLicenseCertificate } from "@/verifier/verify-license-certificate";
import { newSigningKey } from "../support/license-api";

const dir = (fs.mkdirSync(tmpRoot, { recursive: true }), fs.mkdtempSync(path.join(tmpRoot, "portal-fns-")));
const signing = newSigningKey();
Object.assign(process.env, {
  DATABASE_URL: `file:${path.join(dir, "app.db")}`,
  AUTH_SECRET: "p".repeat(48),
  LOG_LEVEL: "silent",
  LICENSE_RESET_COOLDOWN_DAYS: "30",
  LICENSE_SIGNING_KEY: signing.privateBase64,
  LICENSE_CERTIFICATE_TTL_DAYS: "7",
});

type Modules = {
  db: typeof import("@/server/db").db;
  listBuyerLicenses: typeof import("@/server/licenses/list-buyer-licenses").listBuyerLicenses;
  deactivateBuyerActivation: typeof import("@/server/licenses/deactivate-buyer-activation").deactivateBuyerActivation;
  resetBuyerActivations: typeof import("@/server/licenses/reset-buyer-activations").resetBuyerActivations;
  activateLicense: typeof import("@/server/licenses/activate-license").activateLicense;
};
let m: Modules;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(repoRoot, "scripts", "db.mjs"), "migrate"], { cwd: repoRoot, env: process.env, stdio: "ignore" });
  m = {
    db: (await import("@/server/db")).db,
    listBuyerLicenses: (await import("@/server/licenses/list-buyer-licenses")).listBuyerLicenses,
    deactivateBuyerActivation: (await import("@/server/licenses/deactivate-buyer-activation")).deactivateBuyerActivation,
    resetBuyerActivations: (await import("@/server/licenses/reset-buyer-activations")).resetBuyerActivations,
    activateLicense: (await import("@/server/licenses/activate-license")).activateLicense,
  };
});

let sequence = 0;
/** A paid order of `email` with one licensed product, its key, and `devices` active activations. */
async function seedKey(email: string, devices: number, activationLimit = 3) {
  sequence += 1;
  const customer = await m.db.customer.upsert({ where: { email }, create: { email }, update: {} });
  const order = await m.db.order.create({ data: { stripeCheckoutSessionId: `cs_portal_${sequence}`, customerId: customer.id, email, status: "paid", amountTotal: 2900, currency: "usd" } });
  const entitlement = await m.db.entitlement.create({ data: { orderId: order.id, productSlug: "focus-timer", productName: "Focus Timer", unitAmount: 2900, currency: "usd", files: "[]", linkTtlHours: 24 } });
  const key = await m.db.licenseKey.create({ data: { entitlementId: entitlement.id, key: generateLicenseKey(), activationLimit, activationUsage: devices } });
  const activations = [];
  for (let index = 0; index < devices; index += 1) activations.push(await m.db.licenseActivation.create({ data: { licenseKeyId: key.id, name: `Device ${index}` } }));
  return { key, activations };
}

async function usage(keyId: string) {
  const key = await m.db.licenseKey.findUniqueOrThrow({ where: { id: keyId }, include: { activations: { where: { deactivatedAt: null } } } });
  return { counter: key.activationUsage, active: key.activations.length };
}

describe("the buyer's license keys", () => {
  it("lists only the signed-in email's keys, with their active devices", async () => {
    const mine = await seedKey("lister@example.com", 2);
    await seedKey("someone-else@example.com", 1);
    const listed = await m.listBuyerLicenses({ email: "Lister@Example.com" });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: mine.key.id, key: mine.key.key, productName: "Focus Timer", activationLimit: 3, activationUsage: 2, nextResetAt: null });
    expect(listed[0]!.standing.code).toBe("VALID");
    expect(listed[0]!.activations.map((activation) => activation.name)).toEqual(["Device 0", "Device 1"]);
  });

  it("deactivates one device of the buyer's own key, and nobody else's", async () => {
    const { key, activations } = await seedKey("owner@example.com", 3);
    await expect(m.deactivateBuyerActivation({ email: "intruder@example.com", activationId: activations[0]!.id })).rejects.toMatchObject({ code: "not_found", status: 404 });
    expect(await usage(key.id)).toEqual({ counter: 3, active: 3 });
    await m.deactivateBuyerActivation({ email: "owner@example.com", activationId: activations[0]!.id });
    await m.deactivateBuyerActivation({ email: "owner@example.com", activationId: activations[0]!.id }); // a second click changes nothing
    expect(await usage(key.id)).toEqual({ counter: 2, active: 2 });
    expect((await m.activateLicense({ licenseKey: key.key, instanceName: "New laptop", ip: null })).body.code).toBe("ACTIVATED");
  });

  it("resets all activations once per cool-down, also when clicked several times at once", async () => {
    const { key } = await seedKey("reset@example.com", 3);
    await expect(m.resetBuyerActivations({ email: "intruder@example.com", licenseKeyId: key.id })).rejects.toMatchObject({ code: "not_found" });
    const now = new Date();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => m.resetBuyerActivations({ email: "reset@example.com", licenseKeyId: key.id, now })));
    const done = results.filter((result) => result.status === "fulfilled");
    expect(done).toHaveLength(1);
    expect((done[0] as PromiseFulfilledResult<{ deactivated: number }>).value).toMatchObject({ deactivated: 3 });
    for (const result of results.filter((candidate) => candidate.status === "rejected")) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: "conflict", status: 409 });
      expect((result as PromiseRejectedResult).reason.message).toMatch(/already reset.*again on .*deactivate a device/);
    }
    expect(await usage(key.id)).toEqual({ counter: 0, active: 0 });
    const [listed] = await m.listBuyerLicenses({ email: "reset@example.com", now });
    expect(listed!.nextResetAt?.getTime()).toBe(now.getTime() + 30 * 86_400_000);

    const later = new Date(now.getTime() + 29 * 86_400_000);
    await expect(m.resetBuyerActivations({ email: "reset@example.com", licenseKeyId: key.id, now: later })).rejects.toMatchObject({ code: "conflict" });
    const afterCooldown = new Date(now.getTime() + 30 * 86_400_000);
    expect(await m.resetBuyerActivations({ email: "reset@example.com", licenseKeyId: key.id, now: afterCooldown })).toMatchObject({ deactivated: 0 });
    const audit = await m.db.auditLog.findMany({ where: { targetId: key.id, action: "license.reset" } });
    expect(audit).toHaveLength(2);
  });
});

describe("a license certificate", () => {
  it("ends after LICENSE_CERTIFICATE_TTL_DAYS, or when the key expires if sooner", async () => {
    const { key } = await seedKey("ttl@example.com", 0);
    const now = new Date();
    const certificate = (await m.activateLicense({ licenseKey: key.key, instanceName: "Box", ip: null, now })).body.license_certificate as string;
    const check = verifyLicenseCertificate({ certificate, publicKeyPem: signing.publicPem, now });
    expect(check.valid && check.claims.exp).toBe(Math.floor(now.getTime() / 1000) + 7 * 86_400);
    expect(verifyLicenseCertificate({ certificate, publicKeyPem: signing.publicPem, now: new Date(now.getTime() + 7 * 86_400_000 + 1000) })).toEqual({ valid: false, reason: "expired" });

    const soon = new Date(now.getTime() + 2 * 86_400_000);
    await m.db.licenseKey.update({ where: { id: key.id }, data: { expiresAt: soon } });
    const shorter = (await m.activateLicense({ licenseKey: key.key, instanceName: "Box 2", ip: null, now })).body.license_certificate as string;
    const claims = verifyLicenseCertificate({ certificate: shorter, publicKeyPem: signing.publicPem, now });
    expect(claims.valid && claims.claims.exp).toBe(Math.floor(soon.getTime() / 1000));
    expect(claims.valid && claims.claims.expires_at).toBe(soon.toISOString().replace("Z", "000Z"));
  });
});
