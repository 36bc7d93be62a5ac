// Looks a magic link up without using it: what the confirm page shows before anyone presses Continue.
import "server-only";
import { db } from "@/server/db";
import { hashVerificationToken } from "@/server/portal/portal-secrets";

export type SignInLinkState = "valid" | "expired_or_used";

/** Read-only on purpose: a mail scanner that opens the link must leave it working for its owner. */
export async function checkSignInLink({ token, email, now = new Date() }: { token: string; email: string; now?: Date }): Promise<SignInLinkState> {
  const row = await db.verificationToken.findUnique({ where: { token: hashVerificationToken(token) } });
  return row && row.identifier === email && row.expires > now ? "valid" : "expired_or_used";
}
