// The portal's pure rules: what a purchase allows, the words after a form post, redirects, inputs, origins.
import { beforeAll, describe, expect, it } from "vitest";
import { describeAccess, describeOrderStatus, describeUsage } from "@/server/portal/describe-access";
import { describePortalNotice } from "@/server/portal/describe-portal-notice";
import { callbackPathSchema, codeSignInSchema, signInRequestSchema } from "@/server/portal/schemas";

const base = { orderStatus: "paid", revokedAt: null, revokedReason: null, downloadLimit: 5, downloadsUsed: 0 };

describe("describeAccess", () => {
  it("lets a paid, unrevoked purchase under its limit download", () => {
    expect(describeAccess(base, "help@example.com").state).toBe("available");
    expect(describeAccess({ ...base, downloadLimit: null, downloadsUsed: 999 }, "help@example.com").state).toBe("available");
  });

  it("puts money first: refunded and disputed win over the limit", () => {
    const refunded = describeAccess({ ...base, orderStatus: "refunded", revokedAt: new Date(), revokedReason: "refunded", downloadsUsed: 5 }, "h@x.io");
    expect(refunded).toEqual({ state: "refunded", message: "Refunded: downloads ended when this order was refunded." });
    const disputed = describeAccess({ ...base, orderStatus: "disputed", revokedAt: new Date(), revokedReason: "disputed" }, "h@x.io");
    expect(disputed.state).toBe("suspended");
    expect(disputed.message).toContain("Access suspended");
    expect(describeAccess({ ...base, revokedAt: new Date(), revokedReason: "admin" }, "h@x.io").state).toBe("revoked");
  });

  it("says access ended, not suspended, once a dispute is lost", () => {
    const lost = describeAccess({ ...base, orderStatus: "disputed", revokedAt: new Date(), revokedReason: "disputed", disputeStatus: "lost" }, "h@x.io");
    expect(lost).toEqual({ state: "revoked", message: "Access ended: the bank reversed the payment after a dispute. Write to h@x.io if you think this is a mistake." });
    expect(describeOrderStatus("failed")).toBe("Payment failed");
  });

  it("says when the limit is reached, and waits for a pending payment", () => {
    expect(describeAccess({ ...base, downloadsUsed: 5 }, "h@x.io").message).toBe(
      "Download limit reached: all 5 downloads have been used. Write to h@x.io and we will help.",
    );
    expect(describeAccess({ ...base, orderStatus: "awaiting_payment" }, "h@x.io").state).toBe("pending");
  });

  it("counts downloads in words", () => {
    expect(describeUsage({ downloadLimit: 5, downloadsUsed: 2 })).toBe("3 of 5 downloads left");
    expect(describeUsage({ downloadLimit: 1, downloadsUsed: 3 })).toBe("0 of 1 download left");
    expect(describeUsage({ downloadLimit: null, downloadsUsed: 2 })).toBe("Unlimited downloads, 2 used so far");
    expect(describeOrderStatus("disputed")).toBe("Access suspended");
    expect(describeOrderStatus("refunded")).toBe("Refunded");
  });
});

describe("describePortalNotice", () => {
  const options = { resendsPerHour: 3 };

  it("says when to try again, in minutes", () => {
    expect(describePortalNotice({ error: "rate_limited_email", wait: "840" }, options)?.text).toContain("Try again in 14 minutes");
    expect(describePortalNotice({ error: "rate_limited_ip", wait: "30" }, options)?.text).toContain("Try again in 30 seconds");
    expect(describePortalNotice({ error: "resend_limited", wait: "3600" }, options)?.text).toContain("3 times in the last hour. Try again in 60 minutes");
    expect(describePortalNotice({ error: "rate_limited_email", wait: "nonsense" }, options)?.text).toContain("Try again in 60 seconds");
  });

  it("names the field at fault and the tries left", () => {
    expect(describePortalNotice({ error: "code_wrong_code", tries: "1" }, options)).toMatchObject({ field: "code", kind: "error" });
    expect(describePortalNotice({ error: "code_wrong_code", tries: "1" }, options)?.text).toContain("You have 1 try left.");
    expect(describePortalNotice({ error: "invalid_email" }, options)?.field).toBe("email");
  });

  it("reports news politely and ignores unknown codes", () => {
    expect(describePortalNotice({ signed_out: "1" }, options)).toEqual({ kind: "status", text: "You are signed out." });
    expect(describePortalNotice({ error: "<script>" }, options)).toBeNull();
    expect(describePortalNotice({}, options)).toBeNull();
  });
});

describe("portal inputs", () => {
  it("lower-cases and trims the address, refusing what is not one", () => {
    expect(signInRequestSchema.parse({ email: "  Reader@Example.COM " })).toEqual({ email: "reader@example.com", callbackUrl: "/portal" });
    expect(signInRequestSchema.safeParse({ email: "not an email" }).success).toBe(false);
  });

  it("only follows paths inside the app after sign-in", () => {
    expect(callbackPathSchema.parse("/admin")).toBe("/admin");
    expect(callbackPathSchema.parse("//evil.example/x")).toBe("/portal");
    expect(callbackPathSchema.parse("/\\evil.example")).toBe("/portal");
    expect(callbackPathSchema.parse("https://evil.example")).toBe("/portal");
  });

  it("accepts the code with a space or dash in it", () => {
    expect(codeSignInSchema.parse({ email: "a@b.co", code: "123 456" }).code).toBe("123456");
    expect(codeSignInSchema.parse({ email: "a@b.co", code: "123-456" }).code).toBe("123456");
    expect(codeSignInSchema.safeParse({ email: "a@b.co", code: "12345" }).success).toBe(false);
  });
});

describe("sessions and same-origin checks", () => {
  let safeRedirect: typeof import("@/server/portal/auth-options").safeRedirect;
  let usesSecureCookies: typeof import("@/server/portal/auth-options").usesSecureCookies;
  let assertSameOrigin: typeof import("@/server/http/assert-same-origin").assertSameOrigin;

  beforeAll(async () => {
    process.env.APP_URL = "https://shop.example.com";
    process.env.AUTH_SECRET = "a".repeat(48);
    ({ safeRedirect, usesSecureCookies } = await import("@/server/portal/auth-options"));
    ({ assertSameOrigin } = await import("@/server/http/assert-same-origin"));
  });

  it("marks cookies Secure exactly when the app is served over https", () => {
    expect(usesSecureCookies("https://shop.example.com")).toBe(true);
    expect(usesSecureCookies("http://localhost:3000")).toBe(false);
  });

  it("keeps every redirect after sign-in on this app", () => {
    const app = "https://shop.example.com";
    expect(safeRedirect("/admin", app)).toBe("https://shop.example.com/admin");
    expect(safeRedirect("https://shop.example.com/portal?x=1", app)).toBe("https://shop.example.com/portal?x=1");
    expect(safeRedirect("https://evil.example/portal", app)).toBe("https://shop.example.com/portal");
    expect(safeRedirect("//evil.example", app)).toBe("https://shop.example.com/portal");
  });

  it("refuses posts that name another site, and lets scripts without browser headers through", () => {
    const post = (headers: Record<string, string>) => new Request("https://shop.example.com/portal/sign-in", { method: "POST", headers });
    expect(() => assertSameOrigin(post({ origin: "https://shop.example.com" }))).not.toThrow();
    expect(() => assertSameOrigin(post({}))).not.toThrow();
    expect(() => assertSameOrigin(post({ origin: "https://evil.example" }))).toThrow(/another site/);
    expect(() => assertSameOrigin(post({ origin: "null" }))).toThrow(/another site/);
    expect(() => assertSameOrigin(post({ referer: "https://evil.example/page" }))).toThrow(/another site/);
    expect(() => assertSameOrigin(post({ "sec-fetch-site": "cross-site", origin: "https://shop.example.com" }))).toThrow(/another site/);
    expect(() => assertSameOrigin(post({ "sec-fetch-site": "same-site" }))).toThrow(/another site/);
    // A same-origin page with a no-referrer policy sends Origin: null; the browser's own header decides.
    expect(() => assertSameOrigin(post({ "sec-fetch-site": "same-origin", origin: "null" }))).not.toThrow();
  });
});
