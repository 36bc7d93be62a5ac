// Lemon Squeezy's official SDK against the running app, with only its base URL changed, and the
// offline license certificate: verified by the embeddable verifier (and by jose), tampering rejected.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { activateLicense, deactivateLicense, lemonSqueezySetup, validateLicense } from "@lemonsqueezy/lemonsqueezy.js";
import { importSPKI, jwtVerify } from "jose";
import { startTestApp, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { buyProduct } from "../support/buy-product";
import { callLicenseApi, newSigningKey } from "../support/license-api";
import { verifyLicenseCertificate } from "@/verifier/verify-license-certificate";

let app: TestApp;
let resend: ResendDouble;
const signing = newSigningKey();
const LEMON_SQUEEZY_API = "https://api.lemonsqueezy.com";
const realFetch = globalThis.fetch;
const sdkRequests: Array<{ url: string; method: string; contentType: string | null; body: string }> = [];

beforeAll(async () => {
  resend = await startResendDouble();
  app = await startTestApp({ resendBaseUrl: resend.url, env: { LICENSE_SIGNING_KEY: signing.privateBase64 } });
});

afterAll(async () => {
  await app?.stop();
  await resend?.close();
});

afterEach(() => {
  globalThis.fetch = realFetch;
});

/**
 * The SDK has no base-URL option: it builds `https://api.lemonsqueezy.com` + `/v1/licenses/...` and
 * calls the global fetch. Swapping that one origin for `{APP_URL}/api` is exactly "changing the base
 * URL"; method, path, headers and body go through untouched, and the SDK parses our answer itself.
 */
function pointSdkAt(baseUrl: string) {
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const rewritten = url.startsWith(LEMON_SQUEEZY_API) ? `${baseUrl}${url.slice(LEMON_SQUEEZY_API.length)}` : url;
    sdkRequests.push({ url: rewritten, method: init?.method ?? "GET", contentType: new Headers(init?.headers).get("content-type"), body: String(init?.body ?? "") });
    return realFetch(rewritten, init);
  }) as typeof fetch;
}

describe("the official @lemonsqueezy/lemonsqueezy.js SDK", () => {
  it("activates, validates and deactivates a key against the app", async () => {
    const { licenseKey } = await buyProduct(app, resend, { product: "focus-timer", email: "sdk@example.com" });
    const errors: Error[] = [];
    lemonSqueezySetup({ onError: (error) => errors.push(error) }); // no API key: the License API needs none
    pointSdkAt(`${app.url}/api`);

    const activated = await activateLicense(licenseKey!, "Ada's MacBook");
    expect(activated.error).toBeNull();
    expect(activated.statusCode).toBe(200);
    expect(activated.data!.activated).toBe(true);
    expect(activated.data!.license_key).toMatchObject({ key: licenseKey, status: "active", activation_limit: 3, activation_usage: 1 });
    expect(activated.data!.meta).toMatchObject({ product_name: "Focus Timer", customer_email: "sdk@example.com" });
    const instanceId = activated.data!.instance!.id;
    expect(activated.data!.instance!.name).toBe("Ada's MacBook");

    const validated = await validateLicense(licenseKey!, instanceId);
    expect(validated.error).toBeNull();
    expect(validated.data).toMatchObject({ valid: true, error: null, instance: { id: instanceId } });

    const deactivated = await deactivateLicense(licenseKey!, instanceId);
    expect(deactivated.error).toBeNull();
    expect(deactivated.data).toMatchObject({ deactivated: true, license_key: { activation_usage: 0, status: "inactive" } });

    const after = await validateLicense(licenseKey!, instanceId);
    expect(after.statusCode).toBe(404);
    expect(after.data).toMatchObject({ valid: false, code: "INSTANCE_NOT_FOUND" });
    expect(after.error?.cause).toMatch(/not activated/); // the SDK surfaces our prose `error` as its error's cause
    expect(errors).toHaveLength(1);

    expect(sdkRequests.map((request) => `${request.method} ${request.url.slice(app.url.length)}`)).toEqual([
      "POST /api/v1/licenses/activate",
      "POST /api/v1/licenses/validate",
      "POST /api/v1/licenses/deactivate",
      "POST /api/v1/licenses/validate",
    ]);
    expect(sdkRequests.every((request) => request.contentType === "application/vnd.api+json")).toBe(true);
    expect(JSON.parse(sdkRequests[0]!.body)).toEqual({ license_key: licenseKey, instance_name: "Ada's MacBook" });
  });
});

describe("an offline license certificate", () => {
  async function activated(email: string) {
    const { licenseKey } = await buyProduct(app, resend, { product: "focus-timer", email });
    const answer = await callLicenseApi(app.url, "activate", { license_key: licenseKey!, instance_name: "Offline box" });
    return { licenseKey: licenseKey!, instanceId: answer.body.instance.id as string, certificate: answer.body.license_certificate as string };
  }

  it("verifies with the published public key, offline, and holds what was activated", async () => {
    const { licenseKey, instanceId, certificate } = await activated("offline@example.com");
    const published = await (await fetch(`${app.url}/api/licenses/public-key`)).text();
    expect(published).toBe(signing.publicPem);
    const check = verifyLicenseCertificate({ certificate, publicKeyPem: published, productSlug: "focus-timer", instanceId });
    expect(check.valid).toBe(true);
    if (!check.valid) return;
    expect(check.claims).toMatchObject({ license_key: licenseKey, instance_id: instanceId, instance_name: "Offline box", product_slug: "focus-timer", activation_limit: 3, customer_email: "offline@example.com", iss: app.url });
    // A standard EdDSA JWT: any JOSE library agrees.
    const { payload } = await jwtVerify(certificate, await importSPKI(published, "EdDSA"), { issuer: app.url });
    expect(payload.instance_id).toBe(instanceId);
    // Validating the instance renews it.
    const renewed = await callLicenseApi(app.url, "validate", { license_key: licenseKey, instance_id: instanceId });
    expect(verifyLicenseCertificate({ certificate: renewed.body.license_certificate, publicKeyPem: published }).valid).toBe(true);
  });

  it("is rejected when tampered with, signed by another key, or meant for another machine or product", async () => {
    const { certificate, instanceId } = await activated("tamper@example.com");
    const [header, payload, signature] = certificate.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, activation_limit: 1000 })).toString("base64url");
    const flipped = `${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`; // a whole-bits character
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`;
    const publicKeyPem = signing.publicPem;
    expect(verifyLicenseCertificate({ certificate: `${header}.${forged}.${signature}`, publicKeyPem })).toEqual({ valid: false, reason: "bad_signature" });
    expect(verifyLicenseCertificate({ certificate: `${header}.${payload}.${flipped}`, publicKeyPem })).toEqual({ valid: false, reason: "bad_signature" });
    expect(verifyLicenseCertificate({ certificate: unsigned, publicKeyPem })).toEqual({ valid: false, reason: "malformed" });
    expect(verifyLicenseCertificate({ certificate: "garbage", publicKeyPem })).toEqual({ valid: false, reason: "malformed" });
    expect(verifyLicenseCertificate({ certificate, publicKeyPem: newSigningKey().publicPem })).toEqual({ valid: false, reason: "bad_signature" });
    const otherMachine = `${instanceId.slice(0, -1)}${instanceId.endsWith("0") ? "1" : "0"}`; // one in 16 ids ends in 0
    expect(verifyLicenseCertificate({ certificate, publicKeyPem, instanceId: otherMachine })).toEqual({ valid: false, reason: "wrong_instance" });
    expect(verifyLicenseCertificate({ certificate, publicKeyPem, productSlug: "field-guide" })).toEqual({ valid: false, reason: "wrong_product" });
  });
});
