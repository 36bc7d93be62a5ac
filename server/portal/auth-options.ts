// next-auth v4 for the portal (and the seller dashboard): email sign-in, Prisma adapter, database sessions.
import "server-only";
import type { AuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { log } from "@/server/log";
import { nextAuthSecret } from "@/server/portal/portal-secrets";
import { sendSignInEmail } from "@/server/portal/send-sign-in-email";

let cached: AuthOptions | undefined;

/** Sessions live in cookies that scripts cannot read, sent only over https when the app is served over https. */
export function usesSecureCookies(appUrl: string): boolean {
  return appUrl.startsWith("https://");
}

/** Same rule as next-auth's default, but pinned to APP_URL: a sign-in only ever lands on this app. */
export function safeRedirect(url: string, appUrl: string): string {
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${appUrl}${url}`;
  try {
    if (new URL(url).origin === new URL(appUrl).origin) return url;
  } catch {
    // not a URL: fall through
  }
  return `${appUrl}/portal`;
}

/**
 * Signing in with one link or code spends every other link and code of that address, so an older
 * email that lingers in an inbox opens nothing once its owner is in.
 */
async function spendOtherSignIns(email: string | null | undefined): Promise<void> {
  if (!email) return;
  await db.verificationToken.deleteMany({ where: { identifier: email } });
  await db.signInCode.updateMany({ where: { email, usedAt: null }, data: { usedAt: new Date() } });
}

export function getAuthOptions(): AuthOptions {
  if (cached) return cached;
  const env = getEnv();
  cached = {
    secret: nextAuthSecret(),
    adapter: PrismaAdapter(db as never),
    session: { strategy: "database", maxAge: env.PORTAL_SESSION_DAYS * 86_400, updateAge: 86_400 },
    useSecureCookies: usesSecureCookies(env.APP_URL),
    providers: [
      EmailProvider({
        from: env.EMAIL_FROM,
        maxAge: env.SIGN_IN_LINK_TTL_MINUTES * 60,
        // The whole address lower-cased: orders store it that way, so any case a buyer types finds them.
        normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
        sendVerificationRequest: ({ identifier, token, expires, url }) => sendSignInEmail({ identifier, token, expires, url }),
      }),
    ],
    pages: { signIn: "/portal", verifyRequest: "/portal/check-email", error: "/portal/error", signOut: "/portal" },
    callbacks: {
      redirect: ({ url }) => safeRedirect(url, env.APP_URL),
      session: ({ session, user }) => ({ ...session, user: { email: user.email } }),
    },
    events: {
      signIn: ({ user }) => spendOtherSignIns(user.email),
    },
    logger: {
      error: (code, metadata) => log.error("auth_error", { code, metadata }),
      warn: (code) => log.warn("auth_warning", { code }),
      debug: () => {},
    },
  };
  return cached;
}
