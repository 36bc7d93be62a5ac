// The registry of dashboard actions: URL name → what it acts on, what it accepts, the domain call.
import "server-only";
import type { z } from "zod";
import { accessChangeSchema, extendLimitSchema, noteSchema, resendEmailSchema } from "@/server/admin/schemas";
import { resendDeliveryEmail } from "@/server/admin/resend-delivery-email";
import { issueFreshLinks } from "@/server/admin/issue-fresh-links";
import { resetDownloadCount } from "@/server/admin/reset-download-count";
import { extendDownloadLimit } from "@/server/admin/extend-download-limit";
import { revokeAccess } from "@/server/admin/revoke-access";
import { restoreAccess } from "@/server/admin/restore-access";
import { retryOutboxMessage } from "@/server/admin/retry-outbox-message";
import { retryAllOutboxMessages } from "@/server/admin/retry-all-outbox-messages";

export type ActionTarget = "order" | "entitlement" | "outbox_message" | "outbox";
export type ActionResult = { auditId: string | null; notice: string; redirectTo: string; orderId?: string | null } & Record<string, unknown>;

type ActionDefinition<S extends z.ZodType> = {
  target: ActionTarget;
  schema: S;
  run: (options: { actor: string; id: string; input: z.output<S> }) => Promise<ActionResult>;
};

function define<S extends z.ZodType>(definition: ActionDefinition<S>): ActionDefinition<z.ZodType> {
  return definition as unknown as ActionDefinition<z.ZodType>;
}

const actions: Record<string, ActionDefinition<z.ZodType>> = {
  "resend-email": define({ target: "order", schema: resendEmailSchema, run: ({ actor, id, input }) => resendDeliveryEmail({ actor, orderId: id, ...input }) }),
  "fresh-links": define({ target: "order", schema: noteSchema, run: ({ actor, id, input }) => issueFreshLinks({ actor, orderId: id, ...input }) }),
  "reset-downloads": define({ target: "entitlement", schema: noteSchema, run: ({ actor, id, input }) => resetDownloadCount({ actor, entitlementId: id, ...input }) }),
  "extend-limit": define({ target: "entitlement", schema: extendLimitSchema, run: ({ actor, id, input }) => extendDownloadLimit({ actor, entitlementId: id, ...input }) }),
  revoke: define({ target: "entitlement", schema: accessChangeSchema, run: ({ actor, id, input }) => revokeAccess({ actor, entitlementId: id, ...input }) }),
  restore: define({ target: "entitlement", schema: accessChangeSchema, run: ({ actor, id, input }) => restoreAccess({ actor, entitlementId: id, ...input }) }),
  retry: define({ target: "outbox_message", schema: noteSchema, run: ({ actor, id }) => retryOutboxMessage({ actor, messageId: id }) }),
  "retry-all": define({ target: "outbox", schema: noteSchema, run: ({ actor }) => retryAllOutboxMessages({ actor }) }),
};

export function findAdminAction(name: string, target: ActionTarget): ActionDefinition<z.ZodType> | null {
  const action = Object.hasOwn(actions, name) ? actions[name]! : null;
  return action?.target === target ? action : null;
}
