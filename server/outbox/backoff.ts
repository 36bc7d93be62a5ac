// Retry timing for the outbox and the event sweeper: exponential, with jitter, honouring Retry-After.
export type BackoffOptions = { attempt: number; baseMs: number; maxMs?: number; retryAfterMs?: number | null; random?: () => number };

/** Delay before try number attempt+1: base·2^(attempt-1), capped, with ±25% jitter, never under Retry-After. */
export function backoffDelay({ attempt, baseMs, maxMs = 10 * 60_000, retryAfterMs, random = Math.random }: BackoffOptions): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential * (0.75 + random() * 0.5));
  return Math.max(jittered, retryAfterMs ?? 0);
}
