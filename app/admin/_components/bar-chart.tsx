// A bar chart as plain SVG from geometry computed on the server: no script, no chart service.
import type { BarChart } from "@/server/admin/build-bar-chart";

/** About 3.5 user units per half character at the chart's 11px labels. */
function fitsCentred(bar: { labelX: number; label: string }): boolean {
  return bar.labelX >= bar.label.length * 3.5;
}

export type BarChartSvgProps = { chart: BarChart; label: string; showValues?: boolean };

export function BarChartSvg({ chart, label, showValues = false }: BarChartSvgProps) {
  return (
    <svg className="chart" viewBox={`0 0 ${chart.width} ${chart.height}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      <title>{label}</title>
      <line className="axis" x1={0} x2={chart.width} y1={chart.plotBottom + 0.5} y2={chart.plotBottom + 0.5} />
      {chart.bars.map((bar, index) => (
        <g key={`${bar.label}-${index}`}>
          <rect className={bar.value > 0 ? "bar" : "bar muted-bar"} x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={2}>
            <title>{bar.title ?? `${bar.label}: ${bar.value}`}</title>
          </rect>
          {showValues && bar.value > 0 ? (
            <text x={bar.labelX} y={bar.y - 4} textAnchor="middle">
              {bar.value}
            </text>
          ) : null}
          {index % chart.showEveryNthLabel === 0 ? (
            // a label too wide to centre under a thin first bar starts at the edge instead of being cut
            <text x={fitsCentred(bar) ? bar.labelX : bar.x} y={chart.height - 6} textAnchor={fitsCentred(bar) ? "middle" : "start"}>
              {bar.label}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
