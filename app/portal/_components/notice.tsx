// A message after a form post: errors are announced at once (role="alert"), news politely (role="status").
import type { PortalNotice } from "@/server/portal/describe-portal-notice";

export function Notice({ notice, id }: { notice: PortalNotice | null; id?: string }) {
  if (!notice) return null;
  const isError = notice.kind === "error";
  return (
    <p id={id} className={isError ? "notice notice-error" : "notice notice-ok"} role={isError ? "alert" : "status"}>
      {notice.text}
    </p>
  );
}
