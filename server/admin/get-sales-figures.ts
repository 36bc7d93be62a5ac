// Orders and revenue per period and paid orders per day, counted by the database, not row by row.
import "server-only";
import { db } from "@/server/db";
import { dailySeries, salesPeriods, type DayFigures, type PeriodFigures } from "@/server/admin/summarize-orders";

/**
 * Aggregates only: a busy store's month is a few small result sets, not tens of thousands of rows.
 * The day of a timestamp is the first 10 characters of its text form, which SQLite (ISO text) and
 * PostgreSQL (timestamp cast to text, in UTC as Prisma stores it) agree on.
 */
export async function getSalesFigures(now = new Date(), days = 30): Promise<{ periods: PeriodFigures[]; daily: DayFigures[] }> {
  const periods = salesPeriods(now);
  const firstDay = new Date(dailySeries(new Map(), now, days)[0]!.day + "T00:00:00.000Z");
  const [perPeriod, perDay] = await Promise.all([
    Promise.all(
      periods.map((period) =>
        db.order.groupBy({ by: ["currency"], where: { paidAt: { gte: period.since, lte: now } }, _count: { _all: true }, _sum: { amountTotal: true } }),
      ),
    ),
    db.$queryRaw<Array<{ day: string; orders: number | bigint }>>`
      SELECT substr(CAST("paidAt" AS TEXT), 1, 10) AS day, COUNT(*) AS orders
      FROM "Order" WHERE "paidAt" >= ${firstDay} AND "paidAt" <= ${now}
      GROUP BY substr(CAST("paidAt" AS TEXT), 1, 10)`,
  ]);
  return {
    periods: periods.map(({ key, label }, index) => {
      const groups = perPeriod[index]!;
      return {
        key,
        label,
        orders: groups.reduce((sum, group) => sum + group._count._all, 0),
        revenue: groups.map((group) => ({ currency: group.currency, amount: group._sum.amountTotal ?? 0 })).sort((a, b) => b.amount - a.amount),
      };
    }),
    daily: dailySeries(new Map(perDay.map((row) => [row.day, Number(row.orders)])), now, days),
  };
}
