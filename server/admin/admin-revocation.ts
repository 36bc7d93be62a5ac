// How an access removal by the seller is written down, so other code can tell it from a refund or dispute.
/**
 * Stored as "admin: <why>". Money events restore only what they took away ("disputed"), so a
 * dispute won never gives back access the seller removed, and the seller's "restore" never
 * undoes a refund.
 */
export const ADMIN_REVOCATION_PREFIX = "admin";

export function adminRevocationReason(reason: string): string {
  return `${ADMIN_REVOCATION_PREFIX}: ${reason}`.slice(0, 500);
}

export function isAdminRevocation(reason: string | null): boolean {
  return reason === ADMIN_REVOCATION_PREFIX || Boolean(reason?.startsWith(`${ADMIN_REVOCATION_PREFIX}:`));
}
