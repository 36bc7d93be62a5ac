// Sends rendered email through Resend (RESEND_BASE_URL honoured by the SDK), or to the local outbox.
import "server-only";
import { Resend } from "resend";
import { getEnv } from "@/server/env";

export type OutgoingEmail = { to: string; subject: string; html: string; text: string };

export type SendResult =
  | { ok: true; providerIds: string[] }
  | { ok: false; error: string; retryAfterMs: number | null; isPermanent: boolean; isAlreadySent: boolean };

export type SendMailOptions = {
  emails: OutgoingEmail[];
  /** Same key, same body on every retry: Resend answers a repeat with the first result. */
  idempotencyKey: string;
};

let client: Resend | undefined;

function getResend(): Resend {
  client ??= new Resend(getEnv().RESEND_API_KEY);
  return client;
}

type ResendError = { name?: string; message?: string; statusCode?: number | null } | null;

function toFailure(error: ResendError, headers: Record<string, string> | null): SendResult {
  const status = error?.statusCode ?? null;
  const retryAfter = headers?.["retry-after"];
  const retryAfterMs = retryAfter && Number.isFinite(Number(retryAfter)) ? Number(retryAfter) * 1000 : null;
  // 4xx other than 408/409/429 will not succeed on retry (bad address, unverified domain, bad key).
  const isPermanent = status !== null && status >= 400 && status < 500 && ![408, 409, 429].includes(status);
  return {
    ok: false,
    error: `${status ?? "network"} ${error?.name ?? "error"}: ${error?.message ?? "no answer"}`,
    retryAfterMs,
    isPermanent,
    // Resend keeps each key's first request: a different body under a used key means the first went out.
    isAlreadySent: status === 409 && error?.name === "invalid_idempotent_request",
  };
}

/**
 * One email, or several through Resend's batch endpoint (up to 100 a call). The SDK never throws
 * and has no timeout, so every call carries an AbortSignal and every `error` is a failed try.
 */
export async function sendMail({ emails, idempotencyKey }: SendMailOptions): Promise<SendResult> {
  const env = getEnv();
  if (env.isLocalMail) return { ok: true, providerIds: emails.map((_, index) => `local_${idempotencyKey}_${index}`) };
  const from = env.EMAIL_FROM;
  const replyTo = env.SUPPORT_EMAIL;
  const signal = AbortSignal.timeout(env.MAIL_TIMEOUT_MS);
  try {
    if (emails.length === 1) {
      const [email] = emails as [OutgoingEmail];
      const { data, error, headers } = await getResend().emails.send(
        { from, to: email.to, subject: email.subject, html: email.html, text: email.text, replyTo },
        { idempotencyKey, signal } as never,
      );
      if (error || !data) return toFailure(error as ResendError, headers);
      return { ok: true, providerIds: [data.id] };
    }
    const { data, error, headers } = await getResend().batch.send(
      emails.map((email) => ({ from, to: email.to, subject: email.subject, html: email.html, text: email.text, replyTo })),
      { idempotencyKey, signal } as never,
    );
    if (error || !data) return toFailure(error as ResendError, headers);
    const ids = (data as { data?: Array<{ id: string }> }).data?.map((item) => item.id) ?? [];
    return { ok: true, providerIds: ids };
  } catch (error) {
    return { ok: false, error: `network: ${(error as Error).message}`, retryAfterMs: null, isPermanent: false, isAlreadySent: false };
  }
}
