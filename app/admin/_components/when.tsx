// A moment as the dashboard writes it: "29 Nov 2026, 14:05:09 UTC", machine-readable in dateTime.
const format = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });

export function formatWhen(date: Date | string): string {
  return `${format.format(new Date(date))} UTC`;
}

export function When({ date, empty = "–" }: { date: Date | string | null | undefined; empty?: string }) {
  if (!date) return <>{empty}</>;
  const value = new Date(date);
  return <time dateTime={value.toISOString()}>{formatWhen(value)}</time>;
}
