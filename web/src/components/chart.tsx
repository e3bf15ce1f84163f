import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
  readonly dash?: readonly number[];
  readonly fill?: string;
  readonly width?: number;
  /** Draw as bars rather than a line. */
  readonly bars?: boolean;
  /** Plot against the right-hand axis (e.g. stock levels beside daily demand). */
  readonly right?: boolean;
}

export interface ChartProps {
  /** What the chart shows, for screen readers and as its caption. */
  readonly title: string;
  /** x values: unix seconds for time charts, 0…n−1 for categories. */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  /** Category names for x = 0…n−1; omitted for time axes. */
  readonly categories?: readonly string[];
  /** Fill the area between two series (indexes into `series`), e.g. a forecast band. */
  readonly bands?: readonly { readonly from: number; readonly to: number; readonly fill: string }[];
  readonly height?: number;
  readonly yLabel?: string;
  /** Label of a plain numeric x axis (e.g. "day"); omitted for time axes (unix seconds). */
  readonly xLabel?: string;
  /** Label of the right-hand axis, when some series use it. */
  readonly rightLabel?: string;
}

const DAY = 86_400;
/** Steps between time-axis ticks: whole days, weeks, months (30 days) and years. */
const DAY_STEPS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 182 * DAY, 365 * DAY];

/** A unix time in seconds as its UTC day, YYYY-MM-DD. */
function utcDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/**
 * A uPlot chart that follows its container's width. uPlot draws on a canvas, so the caption
 * names the chart and the data stays available as a table beside it (see callers).
 */
export function Chart({ title, x, series, categories, bands, height = 240, yLabel, xLabel, rightLabel }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const barPaths = uPlot.paths.bars?.({ size: [0.6, 64] });
    const options: uPlot.Options = {
      width: Math.max(280, element.clientWidth),
      height,
      legend: { show: categories === undefined },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: categories === undefined && xLabel === undefined }, y: { range: (_u, min, max) => [Math.min(0, min), max <= 0 ? 1 : max * 1.1] } },
      // Time axes show UTC days, as every date in the dashboard does, whatever the browser's zone.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      axes: [
        categories
          ? { values: (_u, splits) => splits.map((s) => categories[s] ?? ''), splits: () => categories.map((_c, i) => i), grid: { show: false } }
          : xLabel !== undefined ? { label: xLabel } : { incrs: DAY_STEPS, space: 80, values: (_u, splits) => splits.map(utcDay) },
        { label: yLabel, size: 56 },
        ...(series.some((s) => s.right) ? [{ scale: 'right', side: 1 as const, label: rightLabel, size: 56, grid: { show: false } }] : []),
      ],
      series: [
        categories ? { label: 'bucket', value: (_u, v) => categories[v] ?? '' } : xLabel !== undefined ? { label: xLabel } : { label: 'date', value: (_u, v) => (v == null ? '' : utcDay(v)) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.width ?? 2,
          fill: s.fill,
          dash: s.dash ? [...s.dash] : undefined,
          paths: s.bars ? barPaths : undefined,
          scale: s.right ? 'right' : 'y',
          points: { show: s.bars ? false : undefined },
        })),
      ],
      bands: bands?.map((b) => ({ series: [b.from + 1, b.to + 1] as [number, number], fill: b.fill })),
    };
    if (series.some((s) => s.right)) options.scales = { ...options.scales, right: { range: (_u, min, max) => [Math.min(0, min), max <= 0 ? 1 : max * 1.1] } };
    if (categories) options.scales = { ...options.scales, x: { time: false, range: [-0.5, categories.length - 0.5] } };
    const data = [x as number[], ...series.map((s) => s.values as (number | null)[])] as uPlot.AlignedData;
    const plot = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(280, element.clientWidth), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [title, x, series, categories, bands, height, yLabel, xLabel, rightLabel]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={host} role="img" aria-label={title} />
    </figure>
  );
}
