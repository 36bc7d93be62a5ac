// The words for what just happened, from the codes a portal form post redirects with.
import { describeWait } from "@/server/rate-limit/consume-rate-limit";

export type PortalNotice = { kind: "error" | "status"; text: string; field?: "email" | "code" };

export type NoticeParams = { error?: string; wait?: string; tries?: string; sent?: string; signed_out?: string; email?: string; license?: string; until?: string };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

function until(params: NoticeParams): string {
  const date = new Date(params.until ?? "");
  return Number.isNaN(date.getTime()) ? "a later date" : dateFormat.format(date);
}

function wait(params: NoticeParams): string {
  const seconds = Number(params.wait);
  return describeWait(Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60);
}

/** Null when there is nothing to say. Never says whether an address has bought anything. */
export function describePortalNotice(params: NoticeParams, options: { resendsPerHour: number }): PortalNotice | null {
  switch (params.error) {
    case "invalid_email":
      return { kind: "error", field: "email", text: "Enter your email address, for example you@example.com." };
    case "rate_limited_email":
      return { kind: "error", field: "email", text: `Too many sign-in emails were asked for this address. Try again in ${wait(params)}, and check your spam folder meanwhile.` };
    case "rate_limited_ip":
      return { kind: "error", field: "email", text: `Too many sign-in requests came from your network. Try again in ${wait(params)}.` };
    case "send_failed":
      return { kind: "error", text: "We couldn't send the sign-in email just now. Please try again in a minute." };
    case "session_needed":
      return { kind: "error", text: "Your session has ended. Sign in again to continue." };
    case "resend_limited":
      return { kind: "error", text: `We already sent this order's links ${options.resendsPerHour} times in the last hour. Try again in ${wait(params)}, and check your spam folder meanwhile.` };
    case "bad_code":
      return { kind: "error", field: "code", text: "The code is the six digits from the email, for example 482913." };
    case "code_wrong_code": {
      const tries = Number(params.tries);
      const left = tries > 0 ? ` You have ${tries} ${tries === 1 ? "try" : "tries"} left.` : " Ask for a new email below.";
      return { kind: "error", field: "code", text: `That code is not right. Check the email and type it again.${left}` };
    }
    case "code_no_code":
      return { kind: "error", field: "code", text: "This code has expired, was already used, or had too many wrong tries. Ask for a new email below." };
    case "reset_wait":
      return { kind: "error", text: `You already reset this key's devices recently. You can reset them all again on ${until(params)}; until then, deactivate devices one by one.` };
    case "code_rate_limited":
      return { kind: "error", field: "code", text: `Too many codes were tried. Try again in ${wait(params)}, or use the link in the email.` };
  }
  if (params.sent) return { kind: "status", text: `We emailed this order's links again${params.email ? ` to ${params.email}` : ""}. They usually arrive within a minute.` };
  if (params.signed_out) return { kind: "status", text: "You are signed out." };
  if (params.license === "deactivated") return { kind: "status", text: "Device deactivated. Its slot is free: activate the key on the device you use now." };
  if (params.license === "reset") return { kind: "status", text: "Every device of this key was deactivated. Activate it again on the devices you use." };
  return null;
}
