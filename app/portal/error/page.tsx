// next-auth's error page for the portal: a spent or expired link offers a new one; anything else, a way back.
import type { Metadata } from "next";
import Link from "next/link";
import { getEnv } from "@/server/env";
import { LinkProblem } from "../_components/link-problem";

export const metadata: Metadata = { title: "Sign-in problem", robots: { index: false } };

type Props = { searchParams: Promise<{ error?: string; email?: string }> };

export default async function SignInErrorPage({ searchParams }: Props) {
  const { error, email } = await searchParams;
  if (error === "Verification") return <LinkProblem email={email} minutes={getEnv().SIGN_IN_LINK_TTL_MINUTES} />;
  return (
    <main className="page narrow">
      <div className="panel">
        <h1>Signing in didn&apos;t work</h1>
        <p role="alert">Something went wrong while signing you in. Nothing was changed. Please ask for a new link.</p>
        <p>
          <Link className="button" href="/portal">
            Back to sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
