// Day arithmetic in UTC and money per currency: the pure parts of the sales figures.
export type Money = { currency: string; amount: number };
export type PeriodFigures = { key: "today" | "7d" | "30d"; label: string; orders: number; revenue: Money[] };
export type DayFigures = { day: string; orders: number };

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function utcDayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * "Today" starts at midnight UTC; 7 and 30 days are rolling windows ending now. An order counts
 * when its payment arrived (paidAt), whatever happened to it later, so a refund never rewrites a day.
 */
export function salesPeriods(now: Date): Array<{ key: PeriodFigures["key"]; label: string; since: Date }> {
  return [
    { key: "today", label: "Today", since: startOfUtcDay(now) },
    { key: "7d", label: "Last 7 days", since: new Date(now.getTime() - 7 * 86_400_000) },
    { key: "30d", label: "Last 30 days", since: new Date(now.getTime() - 30 * 86_400_000) },
  ];
}

/** Revenue per currency, largest first: amounts in different currencies are never added up. */
export function sumByCurrency(rows: Array<{ amountTotal: number; currency: string }>): Money[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.amountTotal);
  return [...totals].map(([currency, amount]) => ({ currency, amount })).sort((a, b) => b.amount - a.amount);
}

/** One entry per UTC day of the last `days` days, ending today, zeros included. */
export function dailySeries(countsByDay: Map<string, number>, now: Date, days = 30): DayFigures[] {
  const first = startOfUtcDay(new Date(now.getTime() - (days - 1) * 86_400_000));
  return Array.from({ length: days }, (_, index) => {
    const day = utcDayKey(new Date(first.getTime() + index * 86_400_000));
    return { day, orders: countsByDay.get(day) ?? 0 };
  });
}
