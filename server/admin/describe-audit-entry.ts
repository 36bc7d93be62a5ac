// One audit entry in the seller's words: the notice after an action, the order timeline, the audit page.
export type AuditEntryLike = { action: string; reason: string | null; data: string | null };

type Data = Record<string, unknown>;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const describers: Record<string, (data: Data) => string> = {
  resend_delivery_email: (data) => `Delivery email queued again for ${data.to}, with fresh links.`,
  issue_fresh_links: (data) => `Fresh download links issued for ${(data.products as string[] | undefined)?.join(", ") ?? "this order"}.`,
  reset_download_count: (data) => `Download count of ${data.productName} reset from ${data.from} to 0.`,
  extend_download_limit: (data) => `Download limit of ${data.productName} raised from ${data.from} to ${data.to ?? "unlimited"}.`,
  revoke_access: (data) => `Access to ${data.productName} revoked: links and license key stop working.`,
  restore_access: (data) => `Access to ${data.productName} restored.`,
  retry_message: (data) => `Email to ${data.to} retried now${Number(data.messages) > 1 ? `, with the ${plural(Number(data.messages) - 1, "other email")} of its batch` : ""}.`,
  retry_all_messages: (data) => `${plural(Number(data.messages), "email")} retried now.`,
  export_orders_csv: (data) => `Orders exported as CSV${data.q || data.status ? ` (search: ${[data.q, data.status].filter(Boolean).join(", ")})` : ""}.`,
};

function parse(data: string | null): Data {
  try {
    return data ? (JSON.parse(data) as Data) : {};
  } catch {
    return {};
  }
}

export function describeAuditEntry(entry: AuditEntryLike): string {
  const describe = describers[entry.action];
  const text = describe ? describe(parse(entry.data)) : entry.action.replace(/_/g, " ");
  return entry.reason ? `${text} Reason: ${entry.reason}` : text;
}
