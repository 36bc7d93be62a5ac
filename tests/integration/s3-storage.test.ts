// Product files in an S3-compatible bucket (s3rver, started here): upload, check, presigned
// redirects after the app's own checks, a missing object, and an object of several GB.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCatalog, defaultFiles, repoRoot, startTestApp, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { startS3Double, type S3Double } from "../support/s3-double";
import { checkoutSession, makeEvent, postEvent } from "../support/stripe-events";

const HUGE = 5 * 1024 ** 3 + 321;
const lesson = crypto.randomBytes(40 * 1024 * 1024); // over one 16 MB part: uploaded in parts
const catalog = {
  products: [
    ...defaultCatalog.products,
    { slug: "course", name: "The Course", description: "Video.", price: { amount: 4900, currency: "usd" }, files: [{ path: "course/lesson-1.mp4", name: "Lesson 1.mp4" }], downloadLimit: 3, linkTtlHours: 24 },
    { slug: "archive", name: "The Archive", description: "All of it.", price: { amount: 9900, currency: "usd" }, files: [{ path: "archive/archive.iso", name: "archive.iso" }], linkTtlHours: 24 },
  ],
};
const files: Record<string, Buffer> = { ...defaultFiles(), "course/lesson-1.mp4": lesson, "archive/archive.iso": Buffer.from("placeholder") };

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;
let s3: S3Double;

function runScript(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("scripts", script), ...args], { cwd: repoRoot, env: { ...app.env, ...env } as NodeJS.ProcessEnv });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/** Buys one product and returns the download link of its email. */
async function buy(product: string): Promise<string> {
  const email = `${product}-${crypto.randomBytes(4).toString("hex")}@example.com`;
  await postEvent(app.url, makeEvent(checkoutSession({ metadata: { product }, customer_details: { email } })), { secret: app.webhookSecret });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const sent = resend.emails.find((candidate) => candidate.to === email);
    if (sent) return /href="([^"]*\/download\/[^"]+)"/.exec(sent.html)![1]!.replace(/&amp;/g, "&");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no delivery email for ${product}`);
}

beforeAll(async () => {
  [resend, stripe, s3] = await Promise.all([startResendDouble(), startStripeDouble(), startS3Double()]);
  app = await startTestApp({ catalog, files, env: s3.env, resendBaseUrl: resend.url, stripeApiBase: stripe.url });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close(), s3?.close()]);
});

describe("storage in an S3-compatible bucket", () => {
  it("lists what the bucket is missing, uploads it in parts, then finds everything", async () => {
    const before = await runScript("storage-check.ts");
    expect(before.code).toBe(1);
    expect(before.output).toContain("4 missing");
    for (const file of Object.keys(files)) expect(before.output).toContain(file);

    const upload = await runScript("storage-upload.ts", ["--from", path.join(app.dir, "storage")]);
    expect(upload.output).toContain("Uploaded 4, already there 0");
    expect(upload.code).toBe(0);
    const parts = s3.requests.filter((request) => request.startsWith("PUT /products/course/lesson-1.mp4?") && request.includes("partNumber="));
    expect(parts).toHaveLength(3);
    const stored = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "course/lesson-1.mp4" }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(lesson)).toBe(true);

    const after = await runScript("storage-check.ts");
    expect(after.output).toContain("All present.");
    expect(after.code).toBe(0);
    const again = await runScript("storage-upload.ts", ["--from", path.join(app.dir, "storage")]);
    expect(again.output).toContain("Uploaded 0, already there 4");
  }, 120_000);

  it("says what to grant when the bucket refuses to answer", async () => {
    const check = await runScript("storage-check.ts", [], { S3_ACCESS_KEY_ID: "NOBODY" });
    expect(check.code).toBe(2);
    expect(check.output).toContain("refused to say whether");
    expect(check.output).toContain("s3:ListBucket");
  });

  it("redirects a paid download to a URL presigned for minutes, with the file's name", async () => {
    const link = await buy("focus-timer");
    const response = await fetch(link, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe(s3.endpoint);
    expect(location.searchParams.get("X-Amz-Expires")).toBe("300");
    const disposition = location.searchParams.get("response-content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="Focus Timer _ Edition Speciale\.zip"; filename\*=UTF-8''Focus%20Timer%20%E2%80%93%20/);

    const object = await fetch(location);
    expect(object.status).toBe(200);
    expect(object.headers.get("content-disposition")).toBe(disposition);
    expect(Buffer.from(await object.arrayBuffer()).equals(files["focus-timer/Focus Timer – Édition Spéciale.zip"]!)).toBe(true);
    const range = await fetch(location, { headers: { Range: "bytes=100-199" } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(files["focus-timer/Focus Timer – Édition Spéciale.zip"]!.subarray(100, 200))).toBe(true);

    const [event] = await app.query<{ outcome: string; counted: unknown }>('SELECT outcome, counted FROM "DownloadEvent" WHERE "filePath" LIKE ?', "focus-timer/%");
    expect(event?.outcome).toBe("redirect");
    expect(Boolean(event?.counted)).toBe(true);
  });

  it("counts each redirect against the limit and refuses the next one without a URL", async () => {
    const link = await buy("course");
    for (let download = 0; download < 3; download += 1) expect((await fetch(link, { redirect: "manual" })).status).toBe(302);
    const refused = await fetch(link, { redirect: "manual" });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("location")).toBeNull();
    expect(await refused.text()).toContain("Download limit reached");
  });

  it("says a file is unavailable when its object is gone, and storage:check names it", async () => {
    await s3.remove("field-guide/guide.pdf");
    const link = await buy("field-guide");
    const response = await fetch(link, { redirect: "manual" });
    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("temporarily unavailable");
    const check = await runScript("storage-check.ts");
    expect(check.code).toBe(1);
    expect(check.output).toContain("1 missing:\n  field-guide/guide.pdf");
  });

  it("serves an object of several GB: its size on HEAD, its far end through the presigned URL", async () => {
    // Grown in place into a sparse file, so the test neither writes nor uploads 5 GB.
    const objectFile = s3.objectFile("archive/archive.iso");
    fs.truncateSync(objectFile, HUGE);
    const marker = Buffer.from("end of the archive");
    const handle = fs.openSync(objectFile, "r+");
    fs.writeSync(handle, marker, 0, marker.length, HUGE - marker.length);
    fs.closeSync(handle);

    const link = await buy("archive");
    const head = await fetch(link, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(HUGE));
    const start = HUGE - marker.length;
    const redirect = await fetch(link, { redirect: "manual", headers: { Range: `bytes=${start}-` } });
    expect(redirect.status).toBe(302);
    const tail = await fetch(redirect.headers.get("location")!, { headers: { Range: `bytes=${start}-` } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get("content-range")).toBe(`bytes ${start}-${HUGE - 1}/${HUGE}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(marker)).toBe(true);
  });
});
