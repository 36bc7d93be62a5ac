// Frees one activation slot: shared by the License API and the buyer's library.
import "server-only";
import { db } from "@/server/db";

export type DeactivateInstanceOptions = { licenseKeyId: string; instanceId: string; now?: Date };

class NothingToDeactivate extends Error {}

/**
 * True when this call deactivated the instance; false when it was not an active instance of this
 * key. The key's row is updated first (as activation and reset do), so concurrent changes to one
 * key always lock in the same order; the counter and the instance change together or not at all.
 */
export async function deactivateInstance({ licenseKeyId, instanceId, now = new Date() }: DeactivateInstanceOptions): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      const freed = await tx.licenseKey.updateMany({ where: { id: licenseKeyId, activationUsage: { gt: 0 } }, data: { activationUsage: { decrement: 1 } } });
      if (freed.count !== 1) throw new NothingToDeactivate();
      const ended = await tx.licenseActivation.updateMany({ where: { id: instanceId, licenseKeyId, deactivatedAt: null }, data: { deactivatedAt: now } });
      if (ended.count !== 1) throw new NothingToDeactivate(); // rolls the decrement back
    });
    return true;
  } catch (error) {
    if (error instanceof NothingToDeactivate) return false;
    throw error;
  }
}
