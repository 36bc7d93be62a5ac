// Money in the buyer's words: 1900 usd → "$19.00".
const formats = new Map<string, Intl.NumberFormat>();

/** One formatter per currency, made once: building an Intl formatter costs far more than using one. */
export function formatMoney(amount: number, currency: string): string {
  const upper = currency.toUpperCase();
  let format = formats.get(upper);
  if (!format) {
    format = new Intl.NumberFormat("en", { style: "currency", currency: upper });
    formats.set(upper, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
