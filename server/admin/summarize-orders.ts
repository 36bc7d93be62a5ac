// Orders and revenue per period (today, 7 days, 30 days) and per day, from paid orders' rows.
export type PaidOrderRow = { paidAt: Date; amountTotal: number; currency: string };
export type Money = { currency: string; amount: number };
export type PeriodFigures = { key: "today" | "7d" | "30d"; label: string; orders: number; revenue: Money[] };
export type DayFigures = { day: string; orders: number };

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function utcDayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Revenue per currency, largest first: amounts in different currencies are never added up. */
export function sumByCurrency(rows: Array<{ amountTotal: number; currency: string }>): Money[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.amountTotal);
  return [...totals].map(([currency, amount]) => ({ currency, amount })).sort((a, b) => b.amount - a.amount);
}

/**
 * "Today" starts at midnight UTC; 7 and 30 days are rolling windows ending now. An order counts
 * when its payment arrived (paidAt), whatever happened to it later, so a refund never rewrites a day.
 */
export function summarizeOrders(rows: PaidOrderRow[], now: Date, days = 30): { periods: PeriodFigures[]; daily: DayFigures[] } {
  const periods: Array<Omit<PeriodFigures, "orders" | "revenue"> & { since: Date }> = [
    { key: "today", label: "Today", since: startOfUtcDay(now) },
    { key: "7d", label: "Last 7 days", since: new Date(now.getTime() - 7 * 86_400_000) },
    { key: "30d", label: "Last 30 days", since: new Date(now.getTime() - 30 * 86_400_000) },
  ];
  const daily = new Map<string, number>();
  const firstDay = startOfUtcDay(new Date(now.getTime() - (days - 1) * 86_400_000));
  for (let day = firstDay; day <= now; day = new Date(day.getTime() + 86_400_000)) daily.set(utcDayKey(day), 0);
  for (const row of rows) {
    const key = utcDayKey(row.paidAt);
    if (daily.has(key)) daily.set(key, daily.get(key)! + 1);
  }
  return {
    periods: periods.map(({ since, ...period }) => {
      const inPeriod = rows.filter((row) => row.paidAt >= since && row.paidAt <= now);
      return { ...period, orders: inPeriod.length, revenue: sumByCurrency(inPeriod) };
    }),
    daily: [...daily].map(([day, orders]) => ({ day, orders })),
  };
}
