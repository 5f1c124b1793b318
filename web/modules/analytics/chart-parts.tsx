import type { ReactNode } from 'react';
import type { FigureTable } from '../../../common/analytics';
import { type ChartModel, type ChartSeries, chartSummary } from './chart-model';
import { figureText } from './figure-format';

// What the line and bar charts share: the accessible frame (role="img", its name and the longer
// description) and the legend under the picture.

export const WIDTH = 720;

/** The SVG frame: a screen reader hears the table's title and the summary, not the drawing. */
export function ChartFrame({
  table,
  model,
  height,
  children,
}: {
  table: FigureTable;
  model: ChartModel;
  height: number;
  children: ReactNode;
}) {
  const summary = chartSummary(table, model);
  return (
    <svg
      role="img"
      aria-label={`${table.title}. ${summary}`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      preserveAspectRatio="xMinYMin meet"
      className="waymark-figure-chart__svg"
    >
      <title>{table.title}</title>
      <desc>{summary}</desc>
      {children}
    </svg>
  );
}

/** A point's marker: shape as well as colour tells the lines apart. */
export function Marker({ series, x, y }: { series: ChartSeries; x: number; y: number }) {
  const r = 4;
  switch (series.marker) {
    case 'square':
      return <rect x={x - r} y={y - r} width={r * 2} height={r * 2} fill={series.colour} />;
    case 'triangle':
      return <path d={`M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z`} fill={series.colour} />;
    case 'diamond':
      return (
        <path d={`M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z`} fill={series.colour} />
      );
    default:
      return <circle cx={x} cy={y} r={r} fill={series.colour} />;
  }
}

/** Gridlines with their figures, across a plot from `from` to `to` (x or y). */
export function valueScale(ticks: number[], from: number, to: number) {
  const top = ticks.at(-1) || 1;
  return (v: number) => from + (v / top) * (to - from);
}

export const tickText = (model: ChartModel, t: number) => figureText(t, model.unit === 'percent' ? 'percent' : 'rate');

export function Legend({ model }: { model: ChartModel }) {
  const hidden = model.values.some((vs) => vs.includes('*'));
  return (
    <figcaption className="waymark-figure-chart__legend">
      {model.series.length > 1 &&
        model.series.map((s) => (
          <span key={s.key} className="waymark-figure-chart__key">
            <svg width="28" height="14" aria-hidden="true" focusable="false">
              {model.kind === 'line' ? (
                <>
                  <line x1="0" x2="28" y1="7" y2="7" stroke={s.colour} strokeWidth="2" strokeDasharray={s.dash} />
                  <Marker series={s} x={14} y={7} />
                </>
              ) : (
                <rect x="7" width="14" height="14" fill={s.colour} />
              )}
            </svg>{' '}
            {s.label}
          </span>
        ))}
      {hidden && <span className="waymark-figure-chart__key">* a small number, not shown</span>}
    </figcaption>
  );
}
