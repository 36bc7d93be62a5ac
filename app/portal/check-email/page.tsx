// After asking for a link: check your email, or type the code. Worded the same for every address.
import type { Metadata } from "next";
import { getEnv } from "@/server/env";
import { describePortalNotice, type NoticeParams } from "@/server/portal/describe-portal-notice";
import { emailSchema } from "@/server/portal/schemas";
import { CodeForm } from "../_components/code-form";
import { SignInForm } from "../_components/sign-in-form";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

type Props = { searchParams: Promise<NoticeParams & { callbackUrl?: string }> };

export default async function CheckEmailPage({ searchParams }: Props) {
  const params = await searchParams;
  const env = getEnv();
  const email = emailSchema.safeParse(params.email ?? "").data;
  const notice = describePortalNotice({ ...params, sent: undefined }, { resendsPerHour: env.PORTAL_RESENDS_PER_HOUR });
  return (
    <main className="page narrow">
      <h1>Check your email</h1>
      <p className="lead" role="status">
        We sent a sign-in link{email ? <> to <strong>{email}</strong></> : null}. It works once, for {env.SIGN_IN_LINK_TTL_MINUTES} minutes.
      </p>
      <div className="panel">
        <h2>Or type the code from the email</h2>
        <CodeForm email={email} callbackUrl={params.callbackUrl} notice={notice} />
      </div>
      <details className="panel">
        <summary>No email after a minute?</summary>
        <p>Check your spam or promotions folder. Make sure this is the address you bought with, then send a new link:</p>
        <SignInForm email={email} callbackUrl={params.callbackUrl} notice={notice?.field === "code" ? null : notice} submitLabel="Send a new link" />
      </details>
    </main>
  );
}
