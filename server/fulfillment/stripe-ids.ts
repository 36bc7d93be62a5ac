// Stripe fields that hold either an id or the expanded object; we only ever store the id.
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}
