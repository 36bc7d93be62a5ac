// next-auth's sendVerificationRequest: the sign-in email goes through our outbox, never straight out.
import "server-only";
import crypto from "node:crypto";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { enqueueMessage } from "@/server/outbox/enqueue-message";
import { kickOutbox } from "@/server/outbox/drain-outbox";
import { hashSignInCode } from "@/server/portal/portal-secrets";
import { callbackPathSchema } from "@/server/portal/schemas";

export type SendSignInEmailOptions = {
  /** The normalised (lower-cased) address. */
  identifier: string;
  /** The raw token; next-auth stores only its hash. */
  token: string;
  expires: Date;
  /** next-auth's own callback URL: we keep only its callbackUrl and link to our confirm page instead. */
  url: string;
};

export type SignInLinkPayload = { to: string; url: string; code: string; expiresAt: string };

/** Where the email's button goes: a page whose GET uses nothing up, so mail scanners cannot spend the link. */
export function confirmPageUrl(options: { token: string; email: string; callbackPath: string }): string {
  const params = new URLSearchParams({ token: options.token, email: options.email });
  if (options.callbackPath !== "/portal") params.set("callbackUrl", options.callbackPath);
  return `${getEnv().APP_URL}/portal/verify?${params}`;
}

function callbackPathOf(nextAuthUrl: string): string {
  const raw = new URL(nextAuthUrl).searchParams.get("callbackUrl") ?? "/portal";
  const appUrl = getEnv().APP_URL;
  return callbackPathSchema.parse(raw.startsWith(appUrl) ? raw.slice(appUrl.length) || "/" : raw);
}

/**
 * Stores the typed code (as a hash, expiring with the link) and queues the email in one
 * transaction; the dedupe key comes from the token, so one request can never send two emails.
 */
export async function sendSignInEmail({ identifier, token, expires, url }: SendSignInEmailOptions): Promise<void> {
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const payload: SignInLinkPayload = {
    to: identifier,
    url: confirmPageUrl({ token, email: identifier, callbackPath: callbackPathOf(url) }),
    code,
    expiresAt: expires.toISOString(),
  };
  const tokenRef = crypto.createHash("sha256").update(token).digest("hex").slice(0, 40);
  await db.$transaction(async (tx) => {
    await tx.signInCode.create({ data: { email: identifier, codeHash: hashSignInCode(identifier, code), expiresAt: expires } });
    await enqueueMessage({ tx, kind: "magic_link", dedupeKey: `magic_link:${tokenRef}`, to: identifier, payload });
  });
  kickOutbox();
}
