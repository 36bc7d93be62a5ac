// The second way in: the six-digit code from the sign-in email, for when the link opens on another device.
import type { PortalNotice } from "@/server/portal/describe-portal-notice";
import { Notice } from "./notice";

export function CodeForm({ email, callbackUrl, notice }: { email?: string; callbackUrl?: string; notice: PortalNotice | null }) {
  const isInvalid = notice?.kind === "error" && notice.field === "code";
  return (
    <form method="post" action="/portal/sign-in/code" className="stack">
      {isInvalid ? <Notice notice={notice} id="code-error" /> : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {email ? (
        <input type="hidden" name="email" value={email} />
      ) : (
        <div className="field">
          <label htmlFor="code-email">Email address</label>
          <input id="code-email" name="email" type="email" autoComplete="email" required maxLength={254} />
        </div>
      )}
      <div className="field">
        <label htmlFor="code">Sign-in code</label>
        <input
          id="code"
          name="code"
          type="text"
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 -]{6,9}"
          maxLength={9}
          required
          aria-invalid={isInvalid || undefined}
          aria-describedby={isInvalid ? "code-error code-hint" : "code-hint"}
          autoFocus={isInvalid}
        />
        <p className="hint" id="code-hint">
          Six digits, from the same email as the link.
        </p>
      </div>
      <div>
        <button className="button" type="submit">
          Sign in with the code
        </button>
      </div>
    </form>
  );
}
