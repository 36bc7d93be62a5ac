// The demo journey a new user sees first: Buy → demo checkout → thanks page → email in /dev/mail → download.
import fs from "node:fs";
import { expect, test } from "@playwright/test";

test("buys in demo mode and downloads from the thanks page and from the email", async ({ page }, testInfo) => {
  const email = `demo-${testInfo.project.name}-${Date.now()}@example.com`;
  await page.goto("/");
  await expect(page.getByRole("status")).toContainText("Demo mode");
  await page.getByRole("button", { name: "Buy The Field Guide" }).click();

  await expect(page.getByRole("heading", { name: "Pay for The Field Guide" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Pay (demo)" }).click();

  await expect(page.getByRole("heading", { name: "Thank you! Your files are ready." })).toBeVisible();
  await expect(page.getByText("5 of 5 downloads left")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("thanks.png"), fullPage: true });
  await testInfo.attach("thanks page", { path: testInfo.outputPath("thanks.png"), contentType: "image/png" });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Field Guide.pdf" }).click()]);
  expect(download.suggestedFilename()).toBe("Field Guide.pdf");
  const saved = testInfo.outputPath("from-thanks.pdf");
  await download.saveAs(saved);
  expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe("%PDF-");

  await page.goto("/dev/mail");
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("sent");
  await row.getByRole("link", { name: "Your download: The Field Guide" }).click();
  await expect(page.getByText("Thank you. Your files are ready.")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("email.png"), fullPage: true });
  await testInfo.attach("delivery email", { path: testInfo.outputPath("email.png"), contentType: "image/png" });
  const [fromEmail] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Field Guide.pdf" }).click()]);
  const second = testInfo.outputPath("from-email.pdf");
  await fromEmail.saveAs(second);
  expect(fs.readFileSync(second).equals(fs.readFileSync(saved))).toBe(true);
});

test("a product page explains what the buyer gets", async ({ page }) => {
  await page.goto("/products/focus-timer");
  await expect(page.getByRole("heading", { name: "Focus Timer" })).toBeVisible();
  await expect(page.getByText("A license key, shown at once and in your email.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Buy now/ })).toBeVisible();
  const missing = await page.goto("/products/not-a-product");
  expect(missing?.status()).toBe(404);
});
