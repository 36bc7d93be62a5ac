// A dashboard action as a plain form post: works without JavaScript, lands back on the page with a notice.
import type { ReactNode } from "react";

export type ActionFormProps = { action: string; label: string; tone?: "primary" | "secondary" | "danger"; children?: ReactNode; hint?: string };

export function ActionForm({ action, label, tone = "secondary", children, hint }: ActionFormProps) {
  return (
    <form className="action-form" method="post" action={action}>
      {children}
      <button className={`button small${tone === "secondary" ? " secondary" : tone === "danger" ? " danger" : ""}`} type="submit">
        {label}
      </button>
      {hint ? <p className="hint" style={{ flexBasis: "100%", margin: 0 }}>{hint}</p> : null}
    </form>
  );
}

/** The optional or required "why", kept in the audit log. */
export function ReasonField({ id, required = false, placeholder }: { id: string; required?: boolean; placeholder?: string }) {
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        Reason{required ? "" : " (optional)"}
      </label>
      <input id={id} name="reason" type="text" maxLength={500} required={required} minLength={required ? 3 : undefined} placeholder={placeholder ?? (required ? "Reason (required, kept in the audit log)" : "Reason (optional)")} />
    </>
  );
}
