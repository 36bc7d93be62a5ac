// License activations in the buyer's library over HTTP: the list, "Deactivate", and "Reset all
// activations" once per cool-down, only ever on the signed-in buyer's own keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { mainOf, portalClient } from "../support/portal-client";
import { callLicenseApi } from "../support/license-api";

let app: TestApp;
let resend: ResendDouble;
let client: ReturnType<typeof portalClient>;

beforeAll(async () => {
  resend = await startResendDouble();
  app = await startTestApp({ resendBaseUrl: resend.url });
  client = portalClient(app, resend);
});

afterAll(async () => {
  await app?.stop();
  await resend?.close();
});

function hiddenValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`name="${name}" value="([^"]+)"`, "g"))].map((match) => match[1]!);
}

/** A Focus Timer purchase (3 devices) activated on the named devices through the License API. */
async function boughtAndActivated(email: string, devices: string[]) {
  const orderId = await client.seedOrder(email, "focus-timer", 2900);
  const [row] = await app.query<{ key: string; id: string }>('SELECT k.key, k.id FROM "LicenseKey" k JOIN "Entitlement" e ON e.id = k."entitlementId" WHERE e."orderId" = ?', orderId);
  const instances: string[] = [];
  for (const name of devices) instances.push((await callLicenseApi(app.url, "activate", { license_key: row!.key, instance_name: name })).body.instance.id);
  return { orderId, key: row!.key, licenseKeyId: row!.id, instances };
}

describe("license keys in the library", () => {
  it("lists each device with Deactivate, and a deactivation frees the slot for the License API", async () => {
    const { orderId, key, instances } = await boughtAndActivated("devices@example.com", ["Studio iMac", "Old laptop", "Travel laptop"]);
    const cookie = await client.signIn("devices@example.com");
    const main = mainOf((await client.page("/portal", cookie)).html);
    expect(main).toContain(key);
    expect(main).toContain("Active on 3 of 3 devices.");
    for (const name of ["Studio iMac", "Old laptop", "Travel laptop"]) expect(main).toContain(name);
    expect(hiddenValues(main, "activation")).toEqual(instances);
    expect(main).toContain("Reset all activations");
    expect((await callLicenseApi(app.url, "activate", { license_key: key, instance_name: "New desktop" })).body.code).toBe("ACTIVATION_LIMIT_REACHED");

    const done = await client.post("/portal/licenses/deactivate", { activation: instances[1]! }, { cookie });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${app.url}/portal?license=deactivated&order=${orderId}#order-${orderId}`);
    const after = mainOf((await client.page(`/portal?license=deactivated&order=${orderId}`, cookie)).html);
    expect(after).toContain("Device deactivated. Its slot is free");
    expect(after).toContain("Active on 2 of 3 devices.");
    expect(after).not.toContain("Old laptop");
    expect((await callLicenseApi(app.url, "validate", { license_key: key, instance_id: instances[1]! })).body.code).toBe("INSTANCE_NOT_FOUND");
    expect((await callLicenseApi(app.url, "activate", { license_key: key, instance_name: "New desktop" })).body.code).toBe("ACTIVATED");
  });

  it("never touches another buyer's devices, nor acts on a post from another site", async () => {
    const theirs = await boughtAndActivated("victim@example.com", ["Victim's PC"]);
    const cookie = await client.signIn("attacker@example.com");
    const deactivate = await client.post("/portal/licenses/deactivate", { activation: theirs.instances[0]! }, { cookie });
    expect(deactivate.status).toBe(404);
    expect(await deactivate.text()).toContain("couldn&#39;t find that device");
    const reset = await client.post("/portal/licenses/reset", { license: theirs.licenseKeyId }, { cookie });
    expect(reset.status).toBe(404);
    const ownerCookie = await client.signIn("victim@example.com");
    const forged = await client.post("/portal/licenses/deactivate", { activation: theirs.instances[0]! }, { cookie: ownerCookie, origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect((await callLicenseApi(app.url, "validate", { license_key: theirs.key, instance_id: theirs.instances[0]! })).body.code).toBe("VALID");
    const anonymous = await client.post("/portal/licenses/reset", { license: theirs.licenseKeyId });
    expect(anonymous.headers.get("location")).toContain("error=session_needed");
  });

  it("resets all activations once, then says when the next reset is allowed", async () => {
    const { orderId, key, licenseKeyId, instances } = await boughtAndActivated("reset@example.com", ["Dead laptop", "Stolen phone"]);
    const cookie = await client.signIn("reset@example.com");
    const reset = await client.post("/portal/licenses/reset", { license: licenseKeyId }, { cookie });
    expect(reset.status).toBe(303);
    expect(reset.headers.get("location")).toContain(`license=reset&order=${orderId}`);
    const after = mainOf((await client.page(`/portal?license=reset&order=${orderId}`, cookie)).html);
    expect(after).toContain("Every device of this key was deactivated");
    expect(after).toContain("Not active on any device yet");
    for (const instance of instances) expect((await callLicenseApi(app.url, "validate", { license_key: key, instance_id: instance })).body.code).toBe("INSTANCE_NOT_FOUND");

    await callLicenseApi(app.url, "activate", { license_key: key, instance_name: "Replacement laptop" });
    const listed = mainOf((await client.page("/portal", cookie)).html);
    expect(listed).toContain("Replacement laptop");
    expect(listed).not.toContain("Reset all activations");
    const next = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.now() + 30 * 86_400_000));
    expect(listed).toContain(`you can reset them all again on ${next}.`);

    const again = await client.post("/portal/licenses/reset", { license: licenseKeyId }, { cookie });
    expect(again.status).toBe(303);
    const location = new URL(again.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("reset_wait");
    const refused = mainOf((await client.page(`${location.pathname}${location.search}`, cookie)).html);
    expect(refused).toMatch(/role="alert"[^>]*>You already reset this key&#x27;s devices recently\. You can reset them all again on \d{1,2} \w+ \d{4}/);
    expect((await callLicenseApi(app.url, "validate", { license_key: key })).body.license_key.activation_usage).toBe(1);
  });

  it("shows N of M downloads left, as the email and the thanks page do", async () => {
    await client.seedOrder("counts@example.com", "field-guide", 1900);
    const cookie = await client.signIn("counts@example.com");
    expect(mainOf((await client.page("/portal", cookie)).html)).toContain("5 of 5 downloads left");
  });
});
