import type { Child } from 'hono/jsx';

/**
 * The <svg> every chart is drawn in: `role="img"`, named and described by its <title> and
 * <desc> (ids `<id>-title`, `<id>-desc`), sized by its viewBox.
 */
export function ChartFrame({
  id,
  kind,
  title,
  desc,
  width,
  height,
  children,
}: {
  id: string;
  /** The chart's own class next to `chart`: chart-hbar, chart-bar-v, chart-heat. */
  kind: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  children: Child;
}) {
  return (
    <svg
      class={`chart ${kind}`}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      id={id}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {children}
    </svg>
  );
}
