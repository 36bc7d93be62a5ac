// /portal: the sign-in form, or, once signed in, the buyer's library. Server-rendered; works without JavaScript.
import type { Metadata } from "next";
import { getEnv } from "@/server/env";
import { getSignedInEmail } from "@/server/portal/get-signed-in-email";
import { getLibrary } from "@/server/portal/get-library";
import { describePortalNotice, type NoticeParams } from "@/server/portal/describe-portal-notice";
import { Library } from "./_components/library";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Your library", robots: { index: false } };

type Props = { searchParams: Promise<NoticeParams & { callbackUrl?: string; order?: string }> };

export default async function PortalPage({ searchParams }: Props) {
  const params = await searchParams;
  const env = getEnv();
  const email = await getSignedInEmail();
  if (email) {
    const notice = describePortalNotice({ ...params, email }, { resendsPerHour: env.PORTAL_RESENDS_PER_HOUR });
    const orders = await getLibrary(email);
    return <Library email={email} orders={orders} notice={notice} noticeOrderId={params.sent ?? params.order} supportEmail={env.SUPPORT_EMAIL} />;
  }
  const notice = describePortalNotice({ ...params, sent: undefined }, { resendsPerHour: env.PORTAL_RESENDS_PER_HOUR });
  return (
    <main className="page narrow">
      <h1>Your library</h1>
      <p className="lead">Get your files again, any time, without paying again. Sign in with the email address you bought with.</p>
      <div className="panel">
        <SignInForm email={params.email} callbackUrl={params.callbackUrl} notice={notice} />
      </div>
    </main>
  );
}
