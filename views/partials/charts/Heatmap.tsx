import { ChartFrame } from './ChartFrame.tsx';
import { clip } from './HBarChart.tsx';

export interface HeatRow {
  label: string;
  /** 1 for a chapter, 2+ for sub-sections: indents the label. */
  level: number;
  value: number;
  /** 0–5, from heatLevel(). */
  shade: number;
}

/** Shade level 0–5 of a heat-map cell; the number is always written next to it. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.min(5, Math.ceil((count / max) * 5)));
}

/**
 * A heat map over the draft's table of contents: one row per section, its cell shaded by the
 * number of comments and the number written in the cell (shade is never the only signal).
 */
export function Heatmap({
  id,
  title,
  desc,
  rows,
}: {
  id: string;
  title: string;
  desc: string;
  rows: HeatRow[];
}) {
  const rowH = 26;
  const labelW = 420;
  const cellW = 80;
  const width = labelW + cellW + 4;
  const height = Math.max(1, rows.length) * rowH + 4;
  return (
    <ChartFrame id={id} kind="chart-heat" title={title} desc={desc} width={width} height={height}>
      {rows.map((r, i) => {
        const y = 2 + i * rowH;
        const indent = Math.min(3, Math.max(0, r.level - 1)) * 16;
        return (
          <g>
            <text x={4 + indent} y={y + rowH / 2 + 5} class="chart-label">
              {clip(r.label, 30 - Math.floor(indent / 8))}
            </text>
            <rect x={labelW} y={y + 1} width={cellW} height={rowH - 2} class={`heat heat-${r.shade}`} />
            <text
              x={labelW + cellW / 2}
              y={y + rowH / 2 + 5}
              text-anchor="middle"
              class={`heat-value heat-value-${r.shade}`}
            >
              {String(r.value)}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
