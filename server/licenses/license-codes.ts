// The stable, machine-readable `code` of every License API answer, and the HTTP status that goes with it.
// Client apps switch on these; the prose `error` beside them may be reworded at any time.

export const licenseCodes = {
  ACTIVATED: 200,
  VALID: 200,
  DEACTIVATED: 200,
  INVALID_REQUEST: 422,
  NOT_FOUND: 404,
  INSTANCE_NOT_FOUND: 404,
  EXPIRED: 400,
  REVOKED: 400,
  SUSPENDED: 400,
  ACTIVATION_LIMIT_REACHED: 400,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
} as const;

export type LicenseCode = keyof typeof licenseCodes;

/** Lemon Squeezy's License API answers 400, 404 and 422 for errors; we add 429 and 500, with the same body. */
export function httpStatusForLicenseCode(code: LicenseCode): number {
  return licenseCodes[code];
}
