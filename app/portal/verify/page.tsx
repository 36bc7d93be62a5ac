// Where the email's link lands. Opening it uses nothing (mail scanners open every link); Continue signs in by POST.
import type { Metadata } from "next";
import { getEnv } from "@/server/env";
import { checkSignInLink } from "@/server/portal/check-sign-in-link";
import { linkSignInSchema } from "@/server/portal/schemas";
import { LinkProblem } from "../_components/link-problem";

// The URL holds a sign-in token: never send it to another site as a Referer.
export const metadata: Metadata = { title: "Sign in", robots: { index: false }, referrer: "same-origin" };

type Props = { searchParams: Promise<{ token?: string; email?: string; callbackUrl?: string }> };

export default async function VerifyPage({ searchParams }: Props) {
  const params = await searchParams;
  const minutes = getEnv().SIGN_IN_LINK_TTL_MINUTES;
  const input = linkSignInSchema.safeParse(params);
  const callbackUrl = input.success && input.data.callbackUrl !== "/portal" ? input.data.callbackUrl : undefined;
  if (!input.success || (await checkSignInLink(input.data)) !== "valid") {
    return <LinkProblem email={input.data?.email ?? params.email} callbackUrl={callbackUrl} minutes={minutes} />;
  }
  return (
    <main className="page narrow">
      <div className="panel">
        <h1>Sign in to your library</h1>
        <p>
          You are signing in as <strong>{input.data.email}</strong>.
        </p>
        <form method="post" action="/portal/sign-in/link">
          <input type="hidden" name="token" value={input.data.token} />
          <input type="hidden" name="email" value={input.data.email} />
          {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
          <button className="button" type="submit" autoFocus>
            Continue
          </button>
        </form>
        <p className="hint">If you did not ask to sign in, close this page: nothing happens until you press Continue.</p>
      </div>
    </main>
  );
}
