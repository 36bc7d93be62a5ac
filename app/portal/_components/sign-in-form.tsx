// The email field that asks for a sign-in link; also the "send me a new link" form on expired-link pages.
import type { PortalNotice } from "@/server/portal/describe-portal-notice";
import { Notice } from "./notice";

export type SignInFormProps = {
  email?: string;
  callbackUrl?: string;
  notice?: PortalNotice | null;
  submitLabel?: string;
};

export function SignInForm({ email, callbackUrl, notice = null, submitLabel = "Email me a sign-in link" }: SignInFormProps) {
  const isInvalid = notice?.kind === "error" && notice.field === "email";
  return (
    <form method="post" action="/portal/sign-in" className="stack">
      {notice?.field !== "code" ? <Notice notice={notice} id="email-error" /> : null}
      {callbackUrl && callbackUrl !== "/portal" ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <div className="field">
        <label htmlFor="email">Email address</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          defaultValue={email}
          aria-invalid={isInvalid || undefined}
          aria-describedby={isInvalid ? "email-error email-hint" : "email-hint"}
          autoFocus={isInvalid}
        />
        <p className="hint" id="email-hint">
          The address you used at checkout. We email you a link and a code; no password needed.
        </p>
      </div>
      <div>
        <button className="button" type="submit">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
