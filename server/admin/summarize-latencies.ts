// Payment-to-email latency in numbers: nearest-rank percentiles and the histogram the overview draws.
export type LatencySummary = { count: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null };
export type LatencyBucket = { label: string; fromMs: number; toMs: number | null; count: number };

/** Bucket edges in ms, close together where deliveries should land (seconds) and wide in the tail. */
const edges: Array<[label: string, fromMs: number]> = [
  ["<1s", 0],
  ["1–2s", 1_000],
  ["2–5s", 2_000],
  ["5–10s", 5_000],
  ["10–30s", 10_000],
  ["30–60s", 30_000],
  ["1–5m", 60_000],
  ["5–30m", 300_000],
  ["30m+", 1_800_000],
];

/** The nearest-rank percentile of sorted values: the smallest value with at least q of the data at or below it. */
function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

export function summarizeLatencies(latenciesMs: number[]): LatencySummary & { buckets: LatencyBucket[] } {
  const sorted = latenciesMs.map((ms) => Math.max(0, ms)).sort((a, b) => a - b);
  const buckets: LatencyBucket[] = edges.map(([label, fromMs], index) => ({ label, fromMs, toMs: edges[index + 1]?.[1] ?? null, count: 0 }));
  for (const ms of sorted) {
    const bucket = buckets.findLast((candidate) => ms >= candidate.fromMs)!;
    bucket.count += 1;
  }
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    maxMs: sorted.at(-1) ?? null,
    buckets,
  };
}

/** "850 ms", "4.2 s", "3 min 5 s": short enough for a figure, exact enough to act on. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1_000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
