// The dashboard's gate: only a signed-in address listed in ADMIN_EMAILS gets in; anyone else sees nothing.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { getSignedInEmail } from "@/server/portal/get-signed-in-email";

export function isAdminEmail(email: string | null): email is string {
  return email !== null && getEnv().ADMIN_EMAILS.includes(email.toLowerCase());
}

/** The admin's address, or null for everyone else (signed out, or signed in as a buyer). */
export async function getAdminEmail(): Promise<string | null> {
  const email = await getSignedInEmail();
  return isAdminEmail(email) ? email : null;
}

/**
 * For pages. Not signed in: the sign-in page, coming back here after (the contract's one exception).
 * Signed in but not an admin: the same 404 as any unknown address, so a buyer learns nothing.
 */
export async function requireAdminPage(path: string): Promise<string> {
  const email = await getSignedInEmail();
  if (!email) redirect(`/portal?callbackUrl=${encodeURIComponent(path)}`);
  if (!isAdminEmail(email)) notFound();
  return email;
}

/** For admin APIs: 404 for anyone but an admin, signed in or not; checked before anything else is read. */
export async function requireAdminApi(): Promise<string> {
  const email = await getAdminEmail();
  if (!email) throw new AppError("not_found", "Not found.");
  return email;
}
