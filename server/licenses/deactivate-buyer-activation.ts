// "Deactivate" in the buyer's library: frees one device's slot, only on a key the buyer owns.
import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { log } from "@/server/log";
import { deactivateInstance } from "@/server/licenses/deactivate-instance";

export type DeactivateBuyerActivationOptions = { email: string; activationId: string; now?: Date };

/**
 * The activation id comes from the browser, so it is trusted only once its key's order is found to
 * belong to the signed-in email; anyone else's id is "not found", the same as an id that never was.
 */
export async function deactivateBuyerActivation({ email, activationId, now = new Date() }: DeactivateBuyerActivationOptions): Promise<{ licenseKeyId: string; orderId: string; name: string }> {
  const owner = email.trim().toLowerCase();
  const activation = await db.licenseActivation.findFirst({
    where: { id: activationId, licenseKey: { is: { entitlement: { is: { order: { is: { email: owner } } } } } } },
    select: { id: true, licenseKeyId: true, name: true, deactivatedAt: true, licenseKey: { select: { entitlement: { select: { orderId: true } } } } },
  });
  if (!activation) throw new AppError("not_found", "We couldn't find that device among your license keys. Reload the page to see the current list.");
  const done = { licenseKeyId: activation.licenseKeyId, orderId: activation.licenseKey.entitlement.orderId, name: activation.name };
  if (activation.deactivatedAt) return done;
  await deactivateInstance({ licenseKeyId: activation.licenseKeyId, instanceId: activation.id, now });
  await db.auditLog.create({ data: { actor: owner, action: "license.deactivate", targetType: "LicenseActivation", targetId: activation.id, data: JSON.stringify({ name: activation.name }) } });
  log.info("license_deactivated", { licenseKeyId: activation.licenseKeyId, instanceId: activation.id, via: "portal" });
  return done;
}
