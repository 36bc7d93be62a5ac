// A bad catalog or environment stops the app at start with a message naming what to fix.
import { describe, expect, it } from "vitest";
import { startTestApp, defaultCatalog } from "../support/test-app";

async function startupError(options: Parameters<typeof startTestApp>[0]): Promise<string> {
  try {
    const app = await startTestApp(options);
    await app.stop();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the app started, but it should have refused");
}

describe("start-up checks", () => {
  it("names the product and field of a bad catalog", async () => {
    const catalog = { products: [{ ...defaultCatalog.products[0], downloadLimit: "five" }] };
    expect(await startupError({ catalog })).toMatch(/product "field-guide", field downloadLimit/);
  });

  it("names a catalog file that is missing from storage", async () => {
    const message = await startupError({ files: { "field-guide/guide.pdf": "pdf" } });
    expect(message).toMatch(/product "focus-timer", field files\.0\.path: .* does not exist in storage/);
  });

  it("names a missing AUTH_SECRET in production", async () => {
    expect(await startupError({ env: { AUTH_SECRET: undefined } })).toMatch(/AUTH_SECRET is not set/);
  });

  it("names a missing STRIPE_SECRET_KEY in production", async () => {
    expect(await startupError({ env: { STRIPE_SECRET_KEY: undefined } })).toMatch(/STRIPE_SECRET_KEY is not set/);
  });

  it("names a malformed webhook secret", async () => {
    expect(await startupError({ env: { STRIPE_WEBHOOK_SECRET: "not-a-secret" } })).toMatch(/STRIPE_WEBHOOK_SECRET: each secret must start with whsec_/);
  });
});
