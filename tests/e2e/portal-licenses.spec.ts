// A buyer manages the devices of their license key in the library, in real Chromium on a desktop and
// a phone: the devices an app activated, "Deactivate" one, "Reset all activations", then the cool-down.
import { expect, test, type Page } from "@playwright/test";
import { buy, keepScreenshot, openMail } from "./e2e-app";

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/portal");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await openMail(page, email, "Sign in to your");
  const link = await page.getByRole("link", { name: "Sign in" }).getAttribute("href");
  await page.goto(link!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
}

test("a buyer deactivates a device and resets all activations of their key", async ({ page, request }, testInfo) => {
  const email = `devices-${testInfo.project.name}-${Date.now()}@example.com`;
  await buy(page, email, "Focus Timer");
  const key = (await page.getByTestId("license-key").innerText()).trim();
  // The seller's app activates the key on three machines through the License API.
  for (const name of ["Studio iMac", "Old laptop", "Travel laptop"]) {
    const answer = await request.post("/api/v1/licenses/activate", { form: { license_key: key, instance_name: name } });
    expect((await answer.json()).code).toBe("ACTIVATED");
  }

  await signIn(page, email);
  const license = page.getByTestId("license");
  await expect(license.getByText("Active on 3 of 3 devices.")).toBeVisible();
  await expect(license.getByTestId("activation")).toHaveText([/Studio iMac/, /Old laptop/, /Travel laptop/]);
  await keepScreenshot(page, testInfo, "1-devices");

  await license.getByRole("button", { name: "Deactivate Old laptop" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Device deactivated." })).toBeVisible();
  await expect(license.getByText("Active on 2 of 3 devices.")).toBeVisible();
  await expect(license.getByTestId("activation")).toHaveText([/Studio iMac/, /Travel laptop/]);
  await keepScreenshot(page, testInfo, "2-deactivated");

  // Keyboard only: focus the reset button and press Enter.
  await license.getByRole("button", { name: "Reset all activations" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Every device of this key was deactivated." })).toBeVisible();
  await expect(license.getByText("Not active on any device yet (up to 3 devices).")).toBeVisible();
  await keepScreenshot(page, testInfo, "3-reset");

  const again = await request.post("/api/v1/licenses/activate", { form: { license_key: key, instance_name: "Replacement laptop" } });
  expect((await again.json()).code).toBe("ACTIVATED");
  await page.reload();
  await expect(license.getByTestId("activation")).toHaveText([/Replacement laptop/]);
  await expect(license.getByRole("button", { name: "Reset all activations" })).toHaveCount(0);
  await expect(license.getByTestId("reset-wait")).toContainText("you can reset them all again on");
  await keepScreenshot(page, testInfo, "4-cool-down");
});
