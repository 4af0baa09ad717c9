import { ChartFrame } from './ChartFrame.tsx';
/**
 * A horizontal bar chart as server-rendered SVG: a label, a bar and the number written at its
 * end (never colour alone). `role="img"` with <title>/<desc>; pages put the same numbers in a
 * table next to it for screen readers and print.
 */
export interface ChartDatum {
  label: string;
  value: number;
}

/** What a bar chart is given: its id, its name and description (for screen readers), its data. */
export interface ChartProps {
  id: string;
  title: string;
  desc: string;
  data: ChartDatum[];
}

export function HBarChart({ id, title, desc, data }: ChartProps) {
  const rowH = 28;
  const labelW = 190;
  const barW = 330;
  const width = labelW + barW + 60;
  const height = Math.max(1, data.length) * rowH + 8;
  const max = Math.max(1, ...data.map((d) => d.value));
  return (
    <ChartFrame id={id} kind="chart-hbar" title={title} desc={desc} width={width} height={height}>
      {data.map((d, i) => {
        const y = 4 + i * rowH;
        const w = d.value > 0 ? Math.max(2, Math.round((d.value / max) * barW)) : 0;
        return (
          <g>
            <text x={labelW - 8} y={y + rowH / 2 + 5} text-anchor="end" class="chart-label">
              {clip(d.label, 14)}
            </text>
            <rect x={labelW} y={y + 4} width={w} height={rowH - 8} class="chart-bar" />
            <text x={labelW + w + 6} y={y + rowH / 2 + 5} class="chart-value">
              {d.value.toLocaleString('ja-JP')}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
