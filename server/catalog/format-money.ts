// Money in the buyer's words: 1900 usd → "$19.00".
export function formatMoney(amount: number, currency: string): string {
  const upper = currency.toUpperCase();
  const digits = new Intl.NumberFormat("en", { style: "currency", currency: upper }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat("en", { style: "currency", currency: upper }).format(amount / 10 ** digits);
}
