// Helpers of the portal's browser tests: a demo purchase as a buyer makes one, screenshots kept as
// artifacts, and the local mail sink (/dev/mail) read as a buyer reads their inbox.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";

/** Buys a product through the labelled demo checkout (the app under test runs in demo mode). */
export async function buy(page: Page, email: string, productName: string): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: `Buy ${productName}` }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Pay (demo)" }).click();
  await expect(page.getByRole("heading", { name: "Thank you! Your files are ready." })).toBeVisible();
}

export function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** A product file as the seller stored it (the repository's storage/ serves the e2e app). */
export function storedFile(relative: string): string {
  return path.join(__dirname, "..", "..", "storage", relative);
}

/** A full-page screenshot kept with the test's results and attached to its report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${testInfo.project.name}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(`${testInfo.project.name}: ${name}`, { path: file, contentType: "image/png" });
}

/**
 * Opens the newest email to `to` whose subject starts with `subject`, waiting for it to be rendered.
 * A row still "not rendered yet" may be the email just asked for, so it is waited on rather than
 * skipped: skipping it would open an older email of the same kind (a sign-in link already used).
 */
export async function openMail(page: Page, to: string, subject: string): Promise<void> {
  const candidate = new RegExp(`${escapeRegExp(subject)}|\\(not rendered yet\\)`);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await page.goto("/dev/mail");
    const newest = page.getByRole("row").filter({ hasText: to }).filter({ hasText: candidate }).first();
    const link = newest.getByRole("link", { name: new RegExp(`^${escapeRegExp(subject)}`) });
    if (await link.count()) {
      await link.click();
      return;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no email "${subject}" to ${to} in /dev/mail`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
