// The buyer's whole way back to their files: type the email, open the link from the mail, Continue,
// download, in real Chromium on a desktop and a phone screen, with screenshots kept as artifacts.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { buy, keepScreenshot, openMail, sha256, storedFile } from "./e2e-app";

test("a buyer signs in by magic link and downloads their file again", async ({ page: start }, testInfo) => {
  const email = `reader-${testInfo.project.name}-${Date.now()}@example.com`;
  await buy(start, email, "The Field Guide");

  await start.goto("/portal");
  await expect(start.getByRole("heading", { name: "Your library" })).toBeVisible();
  await keepScreenshot(start, testInfo, "1-sign-in");

  // Keyboard only: the labelled field, then Enter.
  const field = start.getByLabel("Email address");
  await field.focus();
  await start.keyboard.type(email.toUpperCase());
  await start.keyboard.press("Enter");
  await expect(start.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(start.getByText(`We sent a sign-in link to ${email}`)).toBeVisible();
  await keepScreenshot(start, testInfo, "2-check-email");

  await openMail(start, email, "Sign in to your");
  await keepScreenshot(start, testInfo, "3-email");
  // The email's button opens a new tab, as it does from a mail client.
  const opening = start.waitForEvent("popup");
  await start.getByRole("link", { name: "Sign in" }).click();
  const page = await opening;

  const proceed = page.getByRole("button", { name: "Continue" });
  await expect(proceed).toBeFocused();
  await expect(page.getByText(`You are signing in as ${email}`)).toBeVisible();
  await keepScreenshot(page, testInfo, "4-confirm");
  await page.keyboard.press("Enter");

  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  const order = page.getByTestId("order");
  await expect(order).toHaveCount(1);
  await expect(order.getByRole("heading", { name: "The Field Guide" })).toBeVisible();
  await expect(order.getByText("Paid", { exact: true })).toBeVisible();
  await expect(order.getByText("5 of 5 downloads left")).toBeVisible();
  await keepScreenshot(page, testInfo, "5-library");

  const downloading = page.waitForEvent("download");
  await order.getByRole("button", { name: "Download Field Guide.pdf" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Field Guide.pdf");
  const saved = testInfo.outputPath("Field Guide.pdf");
  await download.saveAs(saved);
  expect(sha256(saved)).toBe(sha256(storedFile("field-guide/field-guide.pdf")));
  expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe("%PDF-");

  await page.reload();
  await expect(page.getByTestId("order").getByText("4 of 5 downloads left")).toBeVisible();
  await keepScreenshot(page, testInfo, "6-library-after-download");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You are signed out." })).toBeVisible();
});

test("a buyer whose link opens elsewhere types the code instead", async ({ page }, testInfo) => {
  const email = `coder-${testInfo.project.name}-${Date.now()}@example.com`;
  await buy(page, email, "Focus Timer");

  await page.goto("/portal");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const checkEmail = page.url();

  await openMail(page, email, "Sign in to your");
  const code = (await page.locator("body").innerText()).match(/\b(\d{6})\b/)?.[1];
  expect(code).toBeTruthy();

  await page.goto(checkEmail);
  await page.getByLabel("Sign-in code").fill("000000" === code ? "111111" : "000000");
  await page.getByRole("button", { name: "Sign in with the code" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code is not right." })).toBeVisible();
  await expect(page.getByLabel("Sign-in code")).toBeFocused();
  await keepScreenshot(page, testInfo, "code-wrong");

  await page.getByLabel("Sign-in code").fill(code!);
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(page.getByTestId("license-key")).toHaveText(/^[A-Z0-9-]{10,}$/);
  await keepScreenshot(page, testInfo, "code-library");
});
