// One error type for the domain and one mapper to HTTP: unknown errors become a generic 500, never echoed.
import "server-only";
import { log } from "@/server/log";

export type AppErrorCode =
  | "bad_request"
  | "not_found"
  | "unauthorized"
  | "forbidden"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "gone"
  | "unavailable"
  | "config";

const statusByCode: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  config: 500,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly retryAfterSeconds?: number;

  constructor(code: AppErrorCode, message: string, options: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = statusByCode[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Maps any thrown value to a JSON response; only AppError messages reach the client. */
export function toErrorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  if (isAppError(error)) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status, headers });
  }
  log.error("unhandled_error", { ...context, error });
  return Response.json(
    { error: { code: "internal", message: "Something went wrong on our side. Please try again in a minute." } },
    { status: 500 },
  );
}
