// What an expired, used or broken sign-in link shows: what happened, and a new link in one press.
import { SignInForm } from "./sign-in-form";

export function LinkProblem({ email, callbackUrl, minutes }: { email?: string; callbackUrl?: string; minutes: number }) {
  return (
    <main className="page narrow">
      <div className="panel">
        <h1>This sign-in link has expired or was already used</h1>
        <p role="alert">
          Each link works once, for {minutes} minutes, and signing in with one link or code closes the others. Your purchases are
          safe: ask for a new link and you are in within a minute.
        </p>
        <SignInForm email={email} callbackUrl={callbackUrl} submitLabel="Email me a new link" />
      </div>
    </main>
  );
}
