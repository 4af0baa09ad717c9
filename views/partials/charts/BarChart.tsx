import { ChartFrame } from './ChartFrame.tsx';
import type { ChartProps } from './HBarChart.tsx';

/**
 * A vertical bar chart (comments by day) as server-rendered SVG with <title>/<desc>. Each bar
 * carries its number when there is room; the table next to it always has every number. `data`
 * labels: YYYY-MM-DD (shown as 11/23) or any short text.
 */
export function BarChart({ id, title, desc, data }: ChartProps) {
  const chartH = 180;
  const top = 20;
  const bottom = 40;
  const left = 40;
  const n = Math.max(1, data.length);
  const slot = Math.max(6, Math.min(40, Math.floor(600 / n)));
  const width = left + n * slot + 10;
  const height = top + chartH + bottom;
  const max = Math.max(1, ...data.map((d) => d.value));
  const showValues = slot >= 18;
  const every = Math.max(1, Math.ceil(n / 12));
  const ticks = niceTicks(max);
  return (
    <ChartFrame id={id} kind="chart-bar-v" title={title} desc={desc} width={width} height={height}>
      {ticks.map((v) => {
        const y = top + chartH - Math.round((v / max) * chartH);
        return (
          <g>
            <line x1={left} x2={width - 5} y1={y} y2={y} class="chart-grid" />
            <text x={left - 6} y={y + 4} text-anchor="end" class="chart-axis">
              {String(v)}
            </text>
          </g>
        );
      })}
      {data.map((d, i) => {
        const h = d.value > 0 ? Math.max(2, Math.round((d.value / max) * chartH)) : 0;
        const x = left + i * slot + 2;
        const y = top + chartH - h;
        return (
          <g>
            <rect x={x} y={y} width={slot - 4} height={h} class="chart-bar" />
            {showValues && d.value > 0 ? (
              <text x={x + (slot - 4) / 2} y={y - 4} text-anchor="middle" class="chart-value">
                {String(d.value)}
              </text>
            ) : null}
            {i % every === 0 ? (
              <text x={x + (slot - 4) / 2} y={top + chartH + 16} text-anchor="middle" class="chart-axis">
                {shortDay(d.label)}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={left} x2={width - 5} y1={top + chartH} y2={top + chartH} class="chart-baseline" />
    </ChartFrame>
  );
}

/** 2026-11-23 → 11/23 */
function shortDay(label: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(label);
  return m ? `${Number(m[1])}/${Number(m[2])}` : label;
}

function niceTicks(max: number): number[] {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? mag * 10);
  const out: number[] = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  return out;
}
