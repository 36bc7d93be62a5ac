// The geometry of a small bar chart, computed on the server so the page draws it as plain SVG.
export type BarInput = { label: string; value: number; title?: string; highlight?: boolean };
export type Bar = BarInput & { x: number; y: number; width: number; height: number; labelX: number };
export type BarChart = { width: number; height: number; plotTop: number; plotBottom: number; maxValue: number; bars: Bar[]; showEveryNthLabel: number };

export type BuildBarChartOptions = { bars: BarInput[]; width?: number; height?: number; gap?: number; maxLabels?: number };

const PLOT_TOP = 16;
const LABEL_SPACE = 22;

/**
 * Scales bars to the tallest one (a single non-zero bar fills the plot; all zeros draw a flat
 * baseline with 1px ticks so an empty day still reads as "measured, nothing happened").
 */
export function buildBarChart({ bars, width = 560, height = 180, gap = 6, maxLabels = 12 }: BuildBarChartOptions): BarChart {
  const plotBottom = height - LABEL_SPACE;
  const plotHeight = plotBottom - PLOT_TOP;
  const maxValue = Math.max(0, ...bars.map((bar) => bar.value));
  const slot = bars.length ? width / bars.length : width;
  const barWidth = Math.max(1, slot - gap);
  return {
    width,
    height,
    plotTop: PLOT_TOP,
    plotBottom,
    maxValue,
    showEveryNthLabel: Math.max(1, Math.ceil(bars.length / maxLabels)),
    bars: bars.map((bar, index) => {
      const barHeight = maxValue === 0 ? 1 : Math.max(bar.value > 0 ? 2 : 1, Math.round((bar.value / maxValue) * plotHeight));
      const x = Math.round(index * slot + gap / 2);
      return { ...bar, x, y: plotBottom - barHeight, width: Math.round(barWidth), height: barHeight, labelX: Math.round(x + barWidth / 2) };
    }),
  };
}
