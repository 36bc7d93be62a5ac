// The seller's morning in real Chromium: sign in to /admin by the magic link from the local mail sink,
// read the overview (kept as a screenshot; UPDATE_DOCS_SCREENSHOTS=1 also writes docs/dashboard.png), find a buyer's order by email,
// resend its delivery email, and see the email arrive in the sink.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { keepScreenshot, openMail } from "./e2e-app";

const admin = "owner@example.com"; // ADMIN_EMAILS of the e2e server (playwright.config.ts)

/** A paid demo order, made the way the store's own pages make it (checkout, then the demo Pay form). */
async function demoOrder(request: APIRequestContext, email: string, product: string): Promise<void> {
  const checkout = await request.post("/api/checkout", { form: { product }, maxRedirects: 0 });
  const location = new URL(checkout.headers().location!, "http://local");
  const session = location.searchParams.get("session")!;
  const paid = await request.post("/api/demo/pay", { form: { session, product, email, outcome: "paid" }, maxRedirects: 0 });
  expect(paid.status()).toBe(303);
}

async function signInAsAdmin(page: Page): Promise<Page> {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/portal\?callbackUrl=%2Fadmin$/);
  await page.getByLabel("Email address").fill(admin);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await openMail(page, admin, "Sign in to your");
  const opening = page.waitForEvent("popup");
  await page.getByRole("link", { name: "Sign in" }).click();
  const signedIn = await opening;
  await signedIn.getByRole("button", { name: "Continue" }).click();
  await expect(signedIn.getByRole("heading", { name: "Overview" })).toBeVisible();
  return signedIn;
}

test("an admin signs in by magic link, finds an order by email, resends its email and sees it arrive", async ({ page: start, request }, testInfo) => {
  const buyer = `lost-email-${testInfo.project.name}-${Date.now()}@example.com`;
  await demoOrder(request, buyer, "field-guide");
  for (const [index, product] of ["focus-timer", "field-guide", "focus-timer"].entries()) {
    await demoOrder(request, `reader-${index}-${testInfo.project.name}-${Date.now()}@example.com`, product);
  }

  const page = await signInAsAdmin(start);
  await expect(page.getByText(`Signed in as ${admin}`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Payment to email" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Delivery emails by payment-to-email time" })).toBeVisible();
  await expect(page.getByRole("cell", { name: buyer })).toBeVisible();
  await keepScreenshot(page, testInfo, "admin-overview");
  if (testInfo.project.name === "desktop" && process.env.UPDATE_DOCS_SCREENSHOTS === "1") {
    await page.screenshot({ path: path.join(__dirname, "..", "..", "docs", "dashboard.png"), fullPage: true });
  }

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Orders" }).click();
  await page.getByLabel("Email, order id, Stripe session or payment intent").fill(buyer);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row").filter({ hasText: buyer });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /^Order / })).toBeVisible();
  await expect(page.getByText("Delivery email sent to " + buyer)).toBeVisible();
  await keepScreenshot(page, testInfo, "admin-order");

  await page.getByRole("button", { name: "Resend delivery email" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Delivery email queued again for ${buyer}` })).toBeVisible();

  await expect(async () => {
    await page.goto("/dev/mail");
    const delivered = page.getByRole("row").filter({ hasText: buyer }).filter({ hasText: "sent" });
    await expect(delivered).toHaveCount(2);
  }).toPass({ timeout: 20_000 });
  await keepScreenshot(page, testInfo, "mail-sink");
  expect(fs.existsSync(testInfo.outputPath(`${testInfo.project.name}-admin-overview.png`))).toBe(true);
});

test("a buyer signed in to the portal gets a 404 from /admin", async ({ page, request }, testInfo) => {
  const buyer = `curious-${testInfo.project.name}-${Date.now()}@example.com`;
  await demoOrder(request, buyer, "field-guide");
  await page.goto("/portal");
  await page.getByLabel("Email address").fill(buyer);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await openMail(page, buyer, "Sign in to your");
  const opening = page.waitForEvent("popup");
  await page.getByRole("link", { name: "Sign in" }).click();
  const library = await opening;
  await library.getByRole("button", { name: "Continue" }).click();
  await expect(library.getByText(`Signed in as ${buyer}`)).toBeVisible();
  const response = await library.goto("/admin");
  expect(response?.status()).toBe(404);
  await expect(library.getByText(buyer)).toHaveCount(0);
});
